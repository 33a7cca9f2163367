import { DEFAULT_PROMPTS, FAMILY_KNOWLEDGE_COLUMNS } from '../../src/common/schema';
import { caregiversOf, contactOf, familyKnowledge, mergeKnowledge } from '../../src/core/family-knowledge';
import type { FamilyRecord } from '../../src/core/records';

function family(knowledge: Record<string, string>): FamilyRecord {
  const all: Record<string, string> = {};
  for (const c of FAMILY_KNOWLEDGE_COLUMNS) all[c] = knowledge[c] ?? '';
  return {
    row: 2,
    studentId: '10234',
    studentName: 'Mateo Ruiz',
    grade: '3',
    homeroomEmail: 'a.teacher@school.example',
    caregivers: 'Rosa Ruiz',
    caregiverRelationship: 'Mother',
    phone: '',
    familyEmail: '',
    preferredLanguage: 'Spanish',
    interpreterNeeded: true,
    knowledge: all,
  };
}

describe('what the school knows about a family', () => {
  test('a family we know nothing about gets every prompt and every column as unknown', () => {
    const k = familyKnowledge(family({}), DEFAULT_PROMPTS, '');
    expect(k.unknown).toEqual([...FAMILY_KNOWLEDGE_COLUMNS]);
    expect(k.prompts).toEqual([...DEFAULT_PROMPTS]);
  });

  test('knowing strengths and hopes drops their prompts and keeps the rest', () => {
    const k = familyKnowledge(
      family({ "Child's Strengths and Interests": 'Football', 'Hopes This Year': 'Make friends' }),
      DEFAULT_PROMPTS,
      '2026-10-01',
    );
    expect(k.known["Child's Strengths and Interests"]).toBe('Football');
    expect(k.unknown).not.toContain('Hopes This Year');
    expect(k.prompts).not.toContain(DEFAULT_PROMPTS[1]);
    expect(k.prompts).not.toContain(DEFAULT_PROMPTS[2]);
    expect(k.prompts).toContain(DEFAULT_PROMPTS[3]);
    expect(k.lastContact).toBe('2026-10-01');
  });

  test('when everything is known, only prompts the school added beyond the defaults remain', () => {
    const all: Record<string, string> = {};
    for (const c of FAMILY_KNOWLEDGE_COLUMNS) all[c] = 'known';
    const extra = 'What does your child enjoy reading?';
    const k = familyKnowledge(family(all), [...DEFAULT_PROMPTS, extra], '');
    expect(k.unknown).toEqual([]);
    expect(k.prompts).toEqual([extra]);
  });
});

describe('adding to a knowledge cell', () => {
  test('fills a blank cell, appends on a new line, and never repeats or erases', () => {
    expect(mergeKnowledge('', 'Drawing')).toBe('Drawing');
    expect(mergeKnowledge('Football', 'Drawing')).toBe('Football\nDrawing');
    expect(mergeKnowledge('Football, drawing', 'drawing')).toBeNull();
    expect(mergeKnowledge('Football', '  ')).toBeNull();
    expect(mergeKnowledge('x'.repeat(39_999), 'more than fits')).toBeNull();
  });
});

describe("the family box's contact lines and caregivers", () => {
  const relationships = ['Mother', 'Father', 'Grandparent', 'Foster parent', 'Other'];
  const withRoster = (caregivers: string, caregiverRelationship: string, phone = '') => ({
    ...family({}),
    caregivers,
    caregiverRelationship,
    phone,
  });

  test('several names pair with as many relationships; a relationship off the Settings list selects nothing', () => {
    expect(caregiversOf(withRoster('Rosa Ruiz and Luis Ruiz', 'mother; Stepfather'), relationships)).toEqual([
      { name: 'Rosa Ruiz', relationship: 'mother', relationshipChoice: 'Mother' },
      { name: 'Luis Ruiz', relationship: 'Stepfather', relationshipChoice: '' },
    ]);
  });

  test('a comma stays inside a name, and names without one relationship each get none', () => {
    expect(caregiversOf(withRoster('Ruiz, Rosa', 'Mother'), relationships)).toEqual([
      { name: 'Ruiz, Rosa', relationship: 'Mother', relationshipChoice: 'Mother' },
    ]);
    expect(caregiversOf(withRoster('Rosa & Luis Ruiz', 'Parents'), relationships)).toEqual([
      { name: 'Rosa', relationship: '', relationshipChoice: '' },
      { name: 'Luis Ruiz', relationship: '', relationshipChoice: '' },
    ]);
    expect(caregiversOf(withRoster('', ''), relationships)).toEqual([]);
  });

  test('a Phone cell with several numbers lists each; the rest comes from the family record', () => {
    const contact = contactOf(withRoster('', '', '555-0100 (mobile); 555-0101\n555-0102, 555-0103'));
    expect(contact.phones).toEqual(['555-0100 (mobile)', '555-0101', '555-0102', '555-0103']);
    expect(contact).toMatchObject({ preferredLanguage: 'Spanish', interpreterNeeded: true, email: '' });
  });
});
