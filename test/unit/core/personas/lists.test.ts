import { describe, expect, it } from 'vitest';
import { CORE_VALUES } from '../../../../src/core/personas/lists/core-values';
import { IDEOLOGIES } from '../../../../src/core/personas/lists/ideology';
import { LIFESTYLE } from '../../../../src/core/personas/lists/lifestyle';
import { MANNERISMS } from '../../../../src/core/personas/lists/mannerisms';
import { PERSONAL_TIME } from '../../../../src/core/personas/lists/personal-time';
import { POLITICAL_VIEWS, type PartyId } from '../../../../src/core/personas/lists/political-views';
import { QUIRKS } from '../../../../src/core/personas/lists/quirks';
import { RELIGIONS } from '../../../../src/core/personas/lists/religion';
import { OCCUPATION_GROUPS, NOT_WORKING, SCHOOL_STUDENTS } from '../../../../src/core/personas/lists/jobs';
import { contextKey, fillPronouns, stageOf, suits, type EntryContext, type ListEntry } from '../../../../src/core/personas/lists/types';
import { IDEOLOGY_GROUPS } from '../../../../src/core/personas/figures/party';
import { TRADITIONS } from '../../../../src/core/personas/figures/religion';

const LISTS: Record<string, readonly ListEntry[]> = {
  'defining quirks': QUIRKS,
  mannerisms: MANNERISMS,
  'personal time': PERSONAL_TIME,
  lifestyle: LIFESTYLE,
  ideology: IDEOLOGIES,
  'political views': POLITICAL_VIEWS,
  religion: RELIGIONS,
  'core values': CORE_VALUES,
};

/** Every kind of person the filters distinguish, ages 0-100. */
function* contexts(): Generator<EntryContext> {
  for (let age = 0; age <= 100; age++)
    for (const working of age >= 16 ? [true, false] : [false])
      for (const married of age >= 15 ? [true, false] : [false])
        for (const citizen of [true, false]) {
          const retired = !working && age >= 60;
          const ctx = { age, stage: stageOf(age), working, retired, married, citizen };
          yield { ...ctx, key: contextKey(ctx) };
        }
}

describe('curated lists', () => {
  it.each(Object.entries(LISTS))('%s has at least 50 distinct entries', (_, list) => {
    expect(list.length).toBeGreaterThanOrEqual(50);
    expect(new Set(list.map((e) => e.text)).size).toBe(list.length);
  });

  it('has job descriptions for every occupation group and non-working situation (50+ in all)', () => {
    expect(OCCUPATION_GROUPS).toHaveLength(25);
    const n =
      OCCUPATION_GROUPS.reduce((a, g) => a + g.descriptions.length, 0) + SCHOOL_STUDENTS.length + Object.values(NOT_WORKING).flat().length;
    expect(n).toBeGreaterThanOrEqual(50);
    for (const g of OCCUPATION_GROUPS) expect(g.descriptions.length).toBeGreaterThanOrEqual(3);
  });

  it('only uses known pronoun slots, and fills them for both sexes', () => {
    for (const list of Object.values(LISTS)) {
      for (const e of list) {
        const slots = e.text.match(/\{[^}]*\}/g) ?? [];
        for (const s of slots) expect(['{they}', '{them}', '{their}', '{themself}']).toContain(s);
        expect(fillPronouns(e.text, 'Female')).not.toMatch(/[{}]/);
        expect(fillPronouns(e.text, 'Male')).not.toMatch(/[{}]/);
      }
    }
    expect(fillPronouns('Prefers to express {themself} through drawing', 'Female')).toBe('Prefers to express herself through drawing');
    expect(fillPronouns('Tells {their} story', 'Male')).toBe('Tells his story');
  });

  it('offers every kind of person something in every list', () => {
    for (const ctx of contexts()) {
      for (const [name, list] of Object.entries(LISTS)) {
        if (name === 'ideology' || name === 'political views' || name === 'religion') continue;
        expect(list.filter((e) => suits(e, ctx)).length, `${name} for ${JSON.stringify(ctx)}`).toBeGreaterThanOrEqual(
          name === 'core values' ? 3 : 1,
        );
      }
      for (const t of TRADITIONS)
        expect(
          RELIGIONS.some((e) => e.tradition === t && suits(e, ctx)),
          `religion ${t} age ${ctx.age}`,
        ).toBe(true);
      if (ctx.age < 18) expect(IDEOLOGIES.some((e) => e.group === 'youth' && suits(e, ctx))).toBe(true);
      else {
        for (const g of IDEOLOGY_GROUPS) expect(IDEOLOGIES.some((e) => e.group === g && suits(e, ctx))).toBe(true);
        for (const p of ['democrat', 'leanDemocrat', 'independent', 'leanRepublican', 'republican'] as PartyId[])
          expect(POLITICAL_VIEWS.some((e) => e.party === p && suits(e, ctx))).toBe(true);
      }
    }
  });

  it("keeps voting out of non-citizens' political views and adult entries away from children", () => {
    const nonCitizen = { age: 40, stage: 'adult' as const, working: true, retired: false, married: false, citizen: false };
    expect(POLITICAL_VIEWS.filter((e) => suits(e, nonCitizen)).some((e) => /vote/i.test(e.text))).toBe(false);
    const child = { age: 8, stage: 'child' as const, working: false, retired: false, married: false, citizen: true };
    for (const list of [QUIRKS, PERSONAL_TIME, LIFESTYLE]) {
      expect(
        list.filter((e) => suits(e, child)).some((e) => /spouse|grandchild|after work|before work|retire|old cars|car radio/i.test(e.text)),
      ).toBe(false);
    }
  });
});
