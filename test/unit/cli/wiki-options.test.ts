/** `wiki`'s options: the paper's recipe by default, the laptop preset labelled, explicit options over a preset. */
import { describe, expect, it } from 'vitest';
import { parseWikiOptions, WIKI_OPTIONS_HELP } from '../../../src/cli/wiki/options';
import { DEFAULT_STUDY, LAPTOP_STUDY } from '../../../src/core/wiki/study';

const base = ['--endpoint', 'http://127.0.0.1:8000/v1', '--model', 'm', '--out', '/tmp/x'];

describe('wiki options', () => {
  it("default to the paper's recipe at a small size", () => {
    const { config } = parseWikiOptions(base);
    const { people, ...rest } = config;
    expect(people).toEqual(['joe-biden', 'halle-berry', 'taylor-swift']);
    expect(rest).toEqual(DEFAULT_STUDY);
  });

  it('take the laptop preset, labelled with what it trades, with explicit options over it', () => {
    const { config } = parseWikiOptions([...base, '--preset', 'laptop', '--cots', '3']);
    expect(config.cots).toBe(3);
    expect(config.responsesPerCot).toBe(LAPTOP_STUDY.responsesPerCot);
    expect(config.prefixes).toEqual(LAPTOP_STUDY.prefixes);
    expect(config.rewardPool).toBe(6);
    expect(WIKI_OPTIONS_HELP).toMatch(/laptop, faster: 8 candidates per question instead of 50/);
    expect(() => parseWikiOptions([...base, '--preset', 'tiny'])).toThrow(/--preset must be one of paper, laptop/);
  });

  it('name a separate reward model, defaulting to the generator', () => {
    expect(parseWikiOptions(base).reward).toBeUndefined();
    expect(parseWikiOptions([...base, '--reward-model', 'rm']).reward).toEqual({ endpoint: 'http://127.0.0.1:8000/v1', model: 'rm' });
    expect(parseWikiOptions([...base, '--reward-pool', '0']).config.rewardPool).toBe(0);
  });

  it("take run's server options: request timeout, transport retries and the API key (from the option or OPENAI_API_KEY)", () => {
    const o = parseWikiOptions([...base, '--request-timeout', '30', '--retries', '2', '--api-key', 'k']);
    expect(o.server).toMatchObject({ requestTimeoutMs: 30_000, retries: 2, apiKey: 'k' });
    expect(parseWikiOptions(base).server.retries).toBe(4);
    expect(() => parseWikiOptions([...base, '--retries', 'many'])).toThrow(/--retries must be a whole number/);
    expect(WIKI_OPTIONS_HELP).toMatch(/--api-key <key>/);
  });
});
