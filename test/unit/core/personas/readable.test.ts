import { describe, expect, it } from 'vitest';
import LABELS from '../../../../src/core/census/data/labels.json';
import { readableIndustry, readableOccupation, readableValue } from '../../../../src/core/personas/readable';
import { renderPersona } from '../../../../src/core/personas/render';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';

describe('readable census labels', () => {
  it('names occupations as a person, in the singular, without the group code', () => {
    expect(readableOccupation('MED-Registered Nurses')).toBe('Registered nurse');
    expect(readableOccupation('MED-Physicians')).toBe('Physician');
    expect(readableOccupation('LGL-Lawyers, And Judges, Magistrates, And Other Judicial Workers')).toBe(
      'Lawyer, judge, magistrate, or other judicial worker',
    );
    expect(readableOccupation('MGR-Chief Executives And Legislators')).toBe('Chief executive or legislator');
    expect(readableOccupation('MGR-Public Relations And Fundraising Managers')).toBe('Public relations and fundraising manager');
    expect(readableOccupation('EDU-Elementary And Middle School Teachers')).toBe('Elementary and middle school teacher');
    expect(readableOccupation('EAT-Waiters And Waitresses')).toBe('Waiter or waitress');
    expect(readableOccupation('OFF-Secretaries And Administrative Assistants, Except Legal, Medical, And Executive')).toBe(
      'Secretary or administrative assistant, except legal, medical, and executive',
    );
    expect(readableOccupation('SAL-First-Line Supervisors Of Retail Sales Workers')).toBe('First-line supervisor of retail sales workers');
    expect(readableOccupation('MED-Nurse Practitioners, And Nurse Midwives')).toBe('Nurse practitioner, or nurse midwife');
  });

  it('turns every occupation and industry label of the dictionary into words without a group code', () => {
    for (const label of Object.values(LABELS.OCCP as Record<string, string>)) {
      const text = readableOccupation(label);
      expect(text, label).not.toMatch(/^[A-Z]{3}-/);
      expect(text.length, label).toBeGreaterThan(2);
    }
    expect(
      readableIndustry('MED-General Medical And Surgical Hospitals, And Specialty (Except Psychiatric And Substance Abuse) Hospitals'),
    ).toBe('General medical and surgical hospitals, and specialty (except psychiatric and substance abuse) hospitals');
    expect(readableIndustry('MIL-U.S. Army')).toBe('U.S. Army');
  });

  it('says what education and fertility record, and leaves other values alone', () => {
    expect(readableValue('education', 'Grade 7')).toBe('Completed grade 7');
    expect(readableValue('education', "Bachelor's degree")).toBe("Bachelor's degree");
    expect(readableValue('fertility', 'Yes')).toBe('Gave birth in the past 12 months');
    expect(readableValue('fertility', 'No')).toBe('No birth in the past 12 months');
    expect(readableValue('occupation category', 'Student')).toBe('Student');
    expect(readableValue('religion', 'MED-Physicians')).toBe('MED-Physicians');
  });

  it('is what the model reads, while the record keeps the PUMS label', () => {
    const nurse = { ...EXAMPLE_PERSONAS[0]!, 'occupation category': 'MED-Registered Nurses', fertility: 'No', education: 'Grade 7' };
    const text = renderPersona(nurse);
    expect(text).toContain('occupation category: Registered nurse');
    expect(text).toContain('fertility: No birth in the past 12 months');
    expect(text).toContain('education: Completed grade 7');
    expect(nurse['occupation category']).toBe('MED-Registered Nurses');
  });
});
