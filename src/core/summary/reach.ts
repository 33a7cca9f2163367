/**
 * Reach: families reached of the roster, reach by preferred language and by grade in the school's own
 * order with the gap between the best- and worst-reached group in words, and how many conversations
 * were held in the family's language. A district roll-up reads these figures by importing this alone.
 */
import { DEFAULT_PICK_LISTS, headerKey, type PickListKey } from '../../common/schema';
import type { FamilyRecord } from '../records';
import { Block, pct, text } from './cells';
import { byText, type SchoolTables, type Share, share } from './school';

export interface GroupReach {
  group: string;
  families: number;
  reached: number;
  /** reached / families. */
  share: number;
}

export interface ReachFigures {
  familiesReached: Share;
  /** Conversations with a roster family whose language is known: held in it or with an interpreter. */
  inFamilyLanguage: Share;
  byLanguage: GroupReach[];
  languageGap: string;
  byGrade: GroupReach[];
  gradeGap: string;
}

/** Group name for families whose language or grade is blank. */
export const NOT_RECORDED = 'Not recorded';
export const LANGUAGE_TITLE = 'Reach by preferred language';
export const GRADE_TITLE = 'Reach by grade';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Reach per group, in the school's pick-list order, then other spellings by name, Not recorded last. */
function reachBy(
  families: readonly FamilyRecord[],
  reached: (id: string) => boolean,
  groupOf: (f: FamilyRecord) => string,
  order: readonly string[],
): GroupReach[] {
  const groups = new Map<string, GroupReach>();
  for (const family of families) {
    const text = groupOf(family).trim();
    const key = text ? headerKey(text) : '';
    let g = groups.get(key);
    if (!g) {
      const listed = order.find((o) => headerKey(o) === key);
      g = { group: key ? (listed ?? text) : NOT_RECORDED, families: 0, reached: 0, share: 0 };
      groups.set(key, g);
    }
    g.families++;
    if (reached(family.studentId)) g.reached++;
  }
  const rank = (key: string) => {
    if (!key) return order.length + 1;
    const at = order.findIndex((o) => headerKey(o) === key);
    return at >= 0 ? at : order.length;
  };
  return [...groups.entries()]
    .map(([key, g]) => ({ key, g: { ...g, share: g.families ? g.reached / g.families : 0 } }))
    .sort((a, b) => rank(a.key) - rank(b.key) || byText(a.g.group, b.g.group))
    .map(({ g }) => g);
}

/** The groups to compare (Not recorded is not one): the best- and worst-reached first met; null when none. */
export function bestAndWorst(groups: readonly GroupReach[]): { best: GroupReach; worst: GroupReach } | null {
  const real = groups.filter((g) => g.group !== NOT_RECORDED && g.families > 0);
  const [first] = real;
  if (!first) return null;
  let best = first;
  let worst = first;
  for (const g of real) {
    if (g.share > best.share) best = g;
    if (g.share < worst.share) worst = g;
  }
  return { best, worst };
}

/** The gap between the best- and worst-reached group, in words. Not recorded is not a group to compare. */
export function gapSentence(groups: readonly GroupReach[], kind: 'language' | 'grade'): string {
  const real = groups.filter((g) => g.group !== NOT_RECORDED && g.families > 0);
  const what = kind === 'language' ? 'preferred language' : 'grade';
  const name = (g: GroupReach) =>
    kind === 'language' ? `families whose language is ${g.group}` : `families in grade ${g.group}`;
  const figure = (g: GroupReach) => `${percent(g.share)}, ${g.reached} of ${g.families}`;
  const pair = bestAndWorst(real);
  if (!pair) return `No family has a ${what} recorded yet.`;
  const { best, worst } = pair;
  if (real.length === 1)
    return `Every family with a ${what} recorded is in one group (${name(best)}: ${figure(best)}), so there is no gap to compare.`;
  const points = Math.round(best.share * 100) - Math.round(worst.share * 100);
  if (best.share === worst.share)
    return `Every ${kind} group is reached at the same rate (${percent(best.share)}).`;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${capital(name(best))} are reached most (${figure(best)}) and ${name(worst)} least (${figure(worst)}): a gap of ${points} percentage points.`;
}

/** Conversations held in the family's language or with an interpreter (families whose language is known). */
function inFamilyLanguage(t: SchoolTables): Share {
  let languageKnown = 0;
  let inLanguage = 0;
  for (const c of t.conversations) {
    const family = t.roster.get(c.studentId);
    if (!family?.preferredLanguage) continue;
    languageKnown++;
    if (c.interpreterUsed || headerKey(c.language) === headerKey(family.preferredLanguage)) inLanguage++;
  }
  return share(inLanguage, languageKnown);
}

export function reachFigures(t: SchoolTables): ReachFigures {
  const order = (key: PickListKey) => t.input.pickLists?.[key] ?? DEFAULT_PICK_LISTS[key];
  const byLanguage = reachBy(t.families, t.reached, (f) => f.preferredLanguage, order('languages'));
  const byGrade = reachBy(t.families, t.reached, (f) => f.grade, order('grades'));
  return {
    familiesReached: share(t.families.filter((f) => t.reached(f.studentId)).length, t.families.length),
    inFamilyLanguage: inFamilyLanguage(t),
    byLanguage,
    languageGap: gapSentence(byLanguage, 'language'),
    byGrade,
    gradeGap: gapSentence(byGrade, 'grade'),
  };
}

function groupBlock(title: string, groups: readonly GroupReach[], gap: string, what: string): Block {
  const block = new Block();
  block.heading(title);
  block.header([what, 'Families', 'Reached', 'Share reached']);
  if (!groups.length) block.note('No families on the Families tab yet.');
  for (const g of groups) block.add([g.group, g.families, g.reached, pct(g.share)]);
  block.add([text(gap, { bold: true })]);
  block.blank();
  return block;
}

/** Reach by language, then by grade. */
export function reachBlocks(f: ReachFigures): Block[] {
  return [
    groupBlock(LANGUAGE_TITLE, f.byLanguage, f.languageGap, 'Preferred language'),
    groupBlock(GRADE_TITLE, f.byGrade, f.gradeGap, 'Grade'),
  ];
}
