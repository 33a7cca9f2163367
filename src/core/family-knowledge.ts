/**
 * What the school knows about a family, and the conversation prompts for what it does not know yet.
 * Each knowledge column of Families is tied to the prompt (by its place in the Settings list) that
 * asks for it, so a school that rewords a prompt in Settings sees its own wording. A prompt tied to
 * no column (one the school added) is always shown: the school wants it asked.
 */
import type { FamilyKnowledge, IsoDate } from '../common/rpc';
import { FAMILY_KNOWLEDGE_COLUMNS } from '../common/schema';
import type { FamilyRecord } from './records';

/** Beyond this a knowledge cell is not grown further (Sheets caps a cell at 50,000 characters). */
export const MAX_KNOWLEDGE_LENGTH = 40_000;

/** Knowledge column -> the 0-based places of DEFAULT_PROMPTS that ask for it. */
export const PROMPTS_FOR_COLUMN: Readonly<Record<string, readonly number[]>> = {
  'Best Way and Time to Reach': [3],
  'Who Is in the Family': [0],
  "Child's Strengths and Interests": [1],
  'Hopes This Year': [2],
  'Family Strengths and Traditions': [4],
  'Anything Else to Know': [0, 4],
};

export function familyKnowledge(
  family: FamilyRecord,
  prompts: readonly string[],
  lastContact: IsoDate | '',
): FamilyKnowledge {
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  const wanted = new Set<number>();
  const tied = new Set<number>();
  for (const column of FAMILY_KNOWLEDGE_COLUMNS) {
    const text = family.knowledge[column] ?? '';
    known[column] = text;
    for (const i of PROMPTS_FOR_COLUMN[column] ?? []) tied.add(i);
    if (!text) {
      unknown.push(column);
      for (const i of PROMPTS_FOR_COLUMN[column] ?? []) wanted.add(i);
    }
  }
  return {
    studentId: family.studentId,
    known,
    unknown,
    prompts: prompts.filter((_, i) => wanted.has(i) || !tied.has(i)),
    lastContact,
  };
}

/**
 * Adds what a teacher learned to a knowledge cell without losing what others wrote: blank cells take
 * the new text, a cell that already says it is left alone, anything else gets it on a new line.
 * Returns null when nothing changes.
 */
export function mergeKnowledge(existing: string, learned: string): string | null {
  const add = learned.trim();
  if (!add) return null;
  const old = existing.trim();
  if (!old) return learned;
  if (old.includes(add)) return null;
  const merged = `${existing}\n${learned}`;
  // A cell holds at most 50,000 characters; the call row keeps the note whatever happens here.
  return merged.length <= MAX_KNOWLEDGE_LENGTH ? merged : null;
}
