import { describe, expect, it } from 'vitest';
import { FAMOUS_PEOPLE, famousAsPersona } from '../../../../src/core/wiki/famous';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';
import { attributesFromText, personaLabel, personaTextLabel } from '../../../../src/core/personas/label';
import { renderPersona } from '../../../../src/core/personas/render';
import type { Persona } from '../../../../src/core/personas/schema';

const base = EXAMPLE_PERSONAS[0]!;
const census = (patch: Partial<Persona>): Persona => ({ ...base, id: 'a3f9c2e1', ...patch });

describe('personaLabel', () => {
  it('names a census persona by occupation in words, age and birthplace, without codes or ids', () => {
    const nurse = census({
      age: 34,
      'occupation category': 'MED-Registered Nurses',
      'employment status': 'Civilian employed, at work',
      'class of worker': 'Employee of a private for-profit company or business, or of an individual, for wages, salary, or commissions',
      'place of birth': 'New York/NY',
    });
    expect(personaLabel(nurse)).toBe('Registered nurse, 34, New York');
  });

  it('names a famous person (no census work fields) by the name and profession its job description holds', () => {
    const obama = FAMOUS_PEOPLE.find((p) => p.id === 'barack-obama')!;
    expect(personaLabel(famousAsPersona(obama))).toBe('Barack Obama, Politician/Author, 63, Hawaii, USA');
  });

  it('falls back to a short role, else names the person by age and sex (and unemployment)', () => {
    expect(personaLabel(base)).toBe('Retired, 73, Philippines');
    const none = {
      'occupation category': null,
      'class of worker': null,
      'employment status': null,
      'detailed job description': null, // a census draw without an occupation has no job description
      'place of birth': 'Texas/TX',
    } as const;
    expect(personaLabel(census({ ...none, age: 10, sex: 'Female' }))).toBe('Girl, 10, Texas');
    expect(personaLabel(census({ ...none, age: 15, sex: 'Male', 'employment status': 'Not applicable' }))).toBe('Teenage boy, 15, Texas');
    expect(personaLabel(census({ ...none, age: 40, sex: 'Male', 'employment status': 'Not in labor force' }))).toBe('Man, 40, Texas');
    expect(personaLabel(census({ ...none, age: 40, sex: 'Female', 'employment status': 'Unemployed' }))).toBe(
      'Unemployed woman, 40, Texas',
    );
    expect(
      personaLabel(
        census({ ...none, age: 40, sex: 'Female', 'class of worker': 'Unemployed and last worked 5 years ago or earlier or never worked' }),
      ),
    ).toBe('Woman, 40, Texas');
    expect(personaLabel({ age: 30, 'employment status': 'Armed forces, at work' })).toBe('Service member, 30');
    expect(personaLabel({ age: 30 })).toBe('30');
  });

  it('uses the id only when nothing else is known', () => {
    expect(personaLabel({ id: 'p-17' })).toBe('p-17');
    expect(personaLabel({})).toBe('Persona');
  });

  it('reads a persona kept as its rendered text the same as the record', () => {
    for (const p of EXAMPLE_PERSONAS) expect(personaTextLabel(p.id, renderPersona(p))).toBe(personaLabel(p));
    const nurse = census({ age: 34, 'occupation category': 'MED-Registered Nurses', 'place of birth': 'New York/NY' });
    expect(personaTextLabel('x', renderPersona(nurse))).toBe('Registered nurse, 34, New York');
    expect(attributesFromText('Answer as Ada Lovelace would.\n\nborn: 1815')).toEqual({});
    expect(personaTextLabel('Ada Lovelace', 'Answer as Ada Lovelace would.')).toBe('Ada Lovelace');
  });
});
