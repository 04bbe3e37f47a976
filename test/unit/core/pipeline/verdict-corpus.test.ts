import { describe, expect, it } from 'vitest';
import { parseVerdict } from '../../../../src/core/pipeline/parsers';
import { JUDGE_OUTPUTS } from '../../../fixtures/judge-outputs';

describe('parseVerdict over a corpus of realistic judge outputs', () => {
  it('holds at least 60 cases, decided and undecided, A and B', () => {
    expect(JUDGE_OUTPUTS.length).toBeGreaterThanOrEqual(60);
    const by = (e: 'A' | 'B' | null) => JUDGE_OUTPUTS.filter((c) => c.expected === e).length;
    expect(Math.min(by('A'), by('B'), by(null))).toBeGreaterThanOrEqual(15);
  });
  it.each(JUDGE_OUTPUTS.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const r = parseVerdict(c.text);
    expect(r.ok ? r.value.choice : null).toBe(c.expected);
  });
});
