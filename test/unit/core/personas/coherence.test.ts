/**
 * Issue #14's consistency checks: measured on a seeded population of 20,000 personas aged 25+
 * drawn from the embedded census model, and each consistency rule against the contradiction it
 * names (the issue's examples among them).
 */
import { describe, expect, it } from 'vitest';
import { checkCensusCodes } from '../../../../src/core/census/index';
import { defaultCensusSource } from '../../../../src/core/personas/census-source';
import { generatePersonas } from '../../../../src/core/personas/generate';
import { checkHeritageRules, checkPersonaRules } from '../../../../src/core/personas/rules';
import { POLITICAL_VIEWS } from '../../../../src/core/personas/lists/political-views';
import { IDEOLOGIES } from '../../../../src/core/personas/lists/ideology';
import type { Persona } from '../../../../src/core/personas/schema';

const source = await defaultCensusSource();
const adults = generatePersonas(source, { seed: 'coherence', count: 20_000, minAge: 25 });

const share = (pred: (p: Persona) => boolean, among: (p: Persona) => boolean) => {
  let n = 0,
    k = 0;
  for (const p of adults) if (among(p)) (n++, pred(p) && k++);
  return { p: k / n, n };
};
const party = new Map(
  POLITICAL_VIEWS.flatMap((e) => [e.text, e.text.replace('{their}', 'her'), e.text.replace('{their}', 'his')].map((t) => [t, e])),
);
const group = new Map(IDEOLOGIES.map((e) => [e.text, e.group]));
const profDoc = (p: Persona) => /^(Professional degree|Doctorate)/.test(String(p.education));
const belowAssociate = (p: Persona) => !/Associate|Bachelor|Master|Professional|Doctorate/.test(String(p.education));

describe('a generated population of 20,000 adults aged 25+ (#14 "done when")', () => {
  it('gives physicians and lawyers their degrees and few nurses less than an associate degree', () => {
    const physicians = share(profDoc, (p) => p['occupation category'] === 'MED-Physicians');
    const lawyers = share(profDoc, (p) => /^LGL-Lawyers/.test(String(p['occupation category'])));
    const nurses = share(belowAssociate, (p) => p['occupation category'] === 'MED-Registered Nurses');
    expect(physicians.n).toBeGreaterThan(40);
    expect(physicians.p).toBeGreaterThanOrEqual(0.85);
    expect(lawyers.n).toBeGreaterThan(40);
    expect(lawyers.p).toBeGreaterThanOrEqual(0.75);
    expect(nurses.n).toBeGreaterThan(150);
    expect(nurses.p).toBeLessThanOrEqual(0.1);
  });

  it("keeps strong partisans off the other side's ideology", () => {
    const partyOf = (p: Persona) => party.get(String(p['political views']));
    const other = (p: Persona) => {
      const e = partyOf(p)!;
      const g = group.get(String(p.ideology));
      return (e.party === 'democrat' && g === 'conservative') || (e.party === 'republican' && g === 'liberal');
    };
    const partisans = share(other, (p) => partyOf(p)?.party === 'democrat' || partyOf(p)?.party === 'republican');
    const strong = share(other, (p) => partyOf(p)?.committed === true);
    // By the label as well as by the list group: no "Strong Democrat" calls themself conservative.
    const byWords = share(
      (p) => (/Democrat/.test(String(p['political views'])) ? /conservative/i : /liberal|progressive/i).test(String(p.ideology)),
      (p) => /^Strong (Democrat|Republican)$/.test(String(p['political views'])),
    );
    expect(partisans.n).toBeGreaterThan(5000);
    expect(partisans.p).toBeLessThanOrEqual(0.08);
    expect(strong.n).toBeGreaterThan(1000);
    expect(strong.p).toBe(0);
    expect(byWords.p).toBe(0);
  });

  it('keeps language habits out of English-only homes', () => {
    const habit = (p: Persona) => /language/i.test(`${p.mannerisms} ${p['defining quirks']} ${p['personal time']} ${p.lifestyle}`);
    const english = share((p) => p['household language'] === 'English only', habit);
    expect(english.n).toBeGreaterThan(50);
    expect(english.p).toBeLessThanOrEqual(0.1);
  });
});

describe('consistency rules', () => {
  const found = adults.find(
    (p) =>
      p['household language'] === 'English only' &&
      p.citizenship === 'Born in the United States' &&
      /Catholic|Protestant/.test(String(p.religion)) &&
      p['employment status'] === 'Civilian employed, at work',
  )!;
  const base: Persona = { ...found, 'political views': 'Democrat', ideology: 'Liberal' };
  const ids = (p: Partial<Persona>) => checkPersonaRules(p).map((v) => v.rule);

  it('start from a persona that keeps them all', () => {
    expect(ids(base)).toEqual([]);
  });

  it('refuse a credentialed occupation without its degree (the issue’s GED-holding nurse)', () => {
    const nurse = { ...base, 'occupation category': 'MED-Registered Nurses' };
    expect(ids({ ...nurse, education: 'GED or alternative credential' })).toContain('credential-education');
    expect(ids({ ...nurse, education: "Associate's degree" })).not.toContain('credential-education');
    expect(ids({ ...base, 'occupation category': 'MED-Physicians', education: "Bachelor's degree" })).not.toContain('credential-education');
    expect(ids({ ...base, 'occupation category': 'MED-Physicians', education: 'Regular high school diploma' })).toContain(
      'credential-education',
    );
  });

  it('refuse a school that does not follow the grade completed (the issue’s 14-year-old in "Grade 7")', () => {
    const teen = { ...base, age: 14, education: 'Grade 7' };
    expect(ids({ ...teen, 'detailed job description': 'High school student' })).toContain('school-grade');
    expect(ids({ ...teen, 'detailed job description': 'High school student (9th grade)' })).toContain('school-grade');
    expect(ids({ ...teen, 'detailed job description': 'Middle school student (8th grade)' })).not.toContain('school-grade');
  });

  it('refuse language, birthplace and faith habits where they do not fit', () => {
    expect(ids({ ...base, mannerisms: 'Switches between languages mid-sentence with family' })).toContain('language-habit');
    expect(ids({ ...base, 'personal time': 'Video-calls family abroad every Sunday morning' })).toContain('birthplace-habit');
    expect(ids({ ...base, religion: 'Atheist', lifestyle: 'Faith-centered, with weekly services' })).toContain('faith-habit');
    expect(ids({ ...base, religion: 'No religion', 'core values': 'Honesty, faith, family' })).toContain('faith-habit');
  });

  it('refuse a committed partisan with the other side’s ideology (the issue’s conservative "Strong Democrat")', () => {
    const v = ids({ ...base, 'political views': 'Strong Democrat', ideology: 'Conservative, values tradition and limited government' });
    expect(v).toContain('partisan-ideology');
    expect(ids({ ...base, 'political views': 'Democrat who sometimes disagrees with the party', ideology: 'Conservative' })).toEqual([]);
  });

  it('give infants and toddlers no Big Five and everyone from 5 one', () => {
    const toddler = { ...base, age: 2 };
    expect(ids(toddler)).toContain('infant-big-five');
    expect(ids({ ...toddler, 'big five scores': null })).not.toContain('infant-big-five');
    expect(ids({ ...toddler, 'big five scores': null })).not.toContain('required-text');
    expect(ids({ ...base, 'big five scores': null })).toContain('required-text');
  });

  it('refuse a national church outside its heritage (the issue’s Russian Orthodox child of Mexican ancestry)', () => {
    const mexican = { HISP: 2, CIT: 1, RAC1P: 1, ANC1P: 210 };
    expect(checkHeritageRules({ ...base, religion: 'Russian Orthodox' }, mexican).map((v) => v.rule)).toEqual(['denomination-heritage']);
    expect(checkHeritageRules({ ...base, religion: 'Orthodox Christian' }, mexican)).toEqual([]);
    expect(checkHeritageRules({ ...base, religion: 'Buddhist (Theravada)' }, { HISP: 1, ANC1P: 782 })).toHaveLength(1);
    expect(checkHeritageRules({ ...base, religion: 'Buddhist (Mahayana)' }, { HISP: 1, ANC1P: 782 })).toEqual([]);
  });

  it('refuse a household language that does not fit the country of birth (the issue’s Nigerian-born man)', () => {
    const nigerian = { AGEP: 40, CIT: 4, NATIVITY: 2, POBP: 440 };
    expect(checkCensusCodes({ ...nigerian, HHL: 3 }).map((v) => v.rule)).toEqual(['birth-language']);
    expect(checkCensusCodes({ ...nigerian, HHL: 5 })).toEqual([]);
    expect(checkCensusCodes({ ...nigerian, HHL: 1 })).toEqual([]);
  });
});
