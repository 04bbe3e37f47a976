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
import {
  allEntries,
  contextKey,
  fillPronouns,
  fits,
  stageOf,
  STAGES,
  suits,
  type EntryContext,
  type ListEntry,
  type StagedList,
} from '../../../../src/core/personas/lists/types';
import { IDEOLOGY_GROUPS } from '../../../../src/core/personas/figures/party';
import { TRADITIONS } from '../../../../src/core/personas/figures/religion';

/** The staged lists: one list per life stage. */
const STAGED: Record<string, StagedList> = {
  'defining quirks': QUIRKS,
  mannerisms: MANNERISMS,
  'personal time': PERSONAL_TIME,
  lifestyle: LIFESTYLE,
  'core values': CORE_VALUES,
};
const LISTS: Record<string, readonly ListEntry[]> = {
  ...Object.fromEntries(Object.entries(STAGED).map(([k, v]) => [k, allEntries(v)])),
  ideology: IDEOLOGIES,
  'political views': POLITICAL_VIEWS,
  religion: RELIGIONS,
};

/** Every kind of person the filters distinguish, ages 0-100. */
function* contexts(): Generator<EntryContext> {
  for (let age = 0; age <= 100; age++)
    for (const working of age >= 16 ? [true, false] : [false])
      for (const married of age >= 15 ? [true, false] : [false])
        for (const citizen of [true, false]) {
          const retired = !working && age >= 60;
          // The draw-time gates closed: every person must find entries without them.
          const ctx = {
            age,
            stage: stageOf(age),
            working,
            retired,
            married,
            citizen,
            otherLanguage: false,
            foreignBorn: false,
            religious: false,
          };
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
      for (const [name, list] of Object.entries(STAGED)) {
        expect(list[ctx.stage].filter((e) => fits(e, ctx)).length, `${name} for ${JSON.stringify(ctx)}`).toBeGreaterThanOrEqual(
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
        list.child
          .filter((e) => fits(e, child))
          .some((e) => /spouse|grandchild|after work|before work|retire|old cars|car radio/i.test(e.text)),
      ).toBe(false);
    }
  });

  it('keeps a list per life stage, with entries of its own for children, teenagers and adults', () => {
    for (const [name, list] of Object.entries(STAGED)) {
      for (const stage of STAGES) expect(list[stage].length, `${name} ${stage}`).toBeGreaterThanOrEqual(3);
      const only = (stage: (typeof STAGES)[number]) =>
        list[stage].filter((e) => STAGES.every((s) => s === stage || !list[s].some((x) => x.text === e.text)));
      expect(only('child').length + only('teen').length, `${name}: child and teen entries of their own`).toBeGreaterThan(0);
      expect(only('adult').length, `${name}: adult entries of their own`).toBeGreaterThan(0);
    }
  });

  it('draws entries about languages, a country of birth or faith only for people they fit', () => {
    const gated = Object.values(LISTS)
      .flat()
      .filter((e) => e.otherLanguage || e.foreignBorn || e.religious);
    // Every entry that mentions another language, a country of birth or worship is gated.
    for (const e of Object.entries(LISTS).flatMap(([name, list]) => (name === 'religion' ? [] : list))) {
      if (/language|bilingual|first language|abroad|country of birth|grace|prayer|worship|faith|religious school|youth group/i.test(e.text))
        expect(e.otherLanguage || e.foreignBorn || e.religious || /local phrases/.test(e.text), e.text).toBeTruthy();
    }
    expect(gated.length).toBeGreaterThan(10);
    const base = { age: 40, stage: 'adult' as const, working: true, retired: false, married: true, citizen: true };
    for (const e of gated) {
      const open = { ...base, otherLanguage: true, foreignBorn: true, religious: true };
      if (!fits(e, open)) continue;
      if (e.otherLanguage) expect(fits(e, { ...open, otherLanguage: false }), e.text).toBe(false);
      if (e.foreignBorn) expect(fits(e, { ...open, foreignBorn: false }), e.text).toBe(false);
      if (e.religious) expect(fits(e, { ...open, religious: false }), e.text).toBe(false);
    }
  });
});
