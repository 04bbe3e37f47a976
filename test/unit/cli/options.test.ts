import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command';
import { configOf, parsePipelineOptions } from '../../../src/cli/pipeline/options';
import { DEFAULT_SAMPLING } from '../../../src/core/pipeline/config';

const base = ['--endpoint', 'http://127.0.0.1:8000/v1', '--model', 'm', '--personas', 'p.jsonl', '--prompts', 'q.jsonl', '--out', 'o'];

describe('run options: sampling flags', () => {
  it('defaults to the one DEFAULT_SAMPLING, and replaces only what is given', () => {
    const plain = configOf(parsePipelineOptions([...base, '--judge'], true));
    expect(plain.generator.sampling).toEqual(DEFAULT_SAMPLING.generator);
    expect(plain.critic.sampling).toEqual(DEFAULT_SAMPLING.critic);
    expect(plain.judges[0]!.sampling).toEqual(DEFAULT_SAMPLING.judge);
    const given = configOf(
      parsePipelineOptions([...base, '--judge', '--temperature', '0', '--max-tokens', '2048', '--judge-max-tokens', '64'], true),
    );
    expect(given.generator.sampling).toEqual({ temperature: 0, top_p: DEFAULT_SAMPLING.generator.top_p, max_tokens: 2048 });
    expect(given.critic.sampling).toEqual(given.generator.sampling);
    expect(given.judges[0]!.sampling).toEqual({ temperature: 0, max_tokens: 64 });
    expect(configOf(parsePipelineOptions([...base, '--judge', '--top-p', '1', '--judge-temperature', '0.2'], true))).toMatchObject({
      generator: { sampling: { top_p: 1 } },
      judges: [{ sampling: { temperature: 0.2 } }],
    });
  });

  it.each([
    [['--temperature', '2.5'], /--temperature must be a number ≥ 0 and ≤ 2, got "2.5"/],
    [['--temperature', 'warm'], /--temperature must be a number/],
    [['--top-p', '0'], /--top-p must be a number > 0 and ≤ 1, got "0"/],
    [['--max-tokens', '0'], /--max-tokens must be a whole number ≥ 1, got "0"/],
    [['--judge-max-tokens', '12.5'], /--judge-max-tokens must be a whole number ≥ 1/],
    [['--judge-temperature=-1'], /--judge-temperature must be a number ≥ 0/],
  ])('refuses %j', (flags, message) => {
    expect(() => parsePipelineOptions([...base, ...flags], true)).toThrow(UsageError);
    expect(() => parsePipelineOptions([...base, ...flags], true)).toThrow(message);
  });
});

describe('run options: --topics', () => {
  it('limits the plan to the topics given (commas, spaces trimmed), and leaves them out of the config when absent', () => {
    expect(configOf(parsePipelineOptions([...base, '--topics', 'work, family,'], true)).topics).toEqual(['work', 'family']);
    expect(configOf(parsePipelineOptions(base, true))).not.toHaveProperty('topics');
  });
});
