import { describe, expect, it } from 'vitest';
import { enrichPersonas, cleanEnrichment } from '../../../../src/core/personas/enrich';
import { generatePersonas, PersonaGenerator } from '../../../../src/core/personas/generate';
import { MemoryCallStore } from '../../../../src/core/pipeline/cache';
import { parseReviewVerdict, reviewPersonas } from '../../../../src/core/personas/review';
import { checkPersonaRules } from '../../../../src/core/personas/rules';
import type { Persona } from '../../../../src/core/personas/schema';
import { LlmError } from '../../../../src/core/llm/errors';
import { ScriptedClient } from '../../../doubles/scripted-client';
import { FIXTURE_SOURCE } from '../../../fixtures/census-fixture';
import { REVIEW_OUTPUTS } from '../../../fixtures/review-outputs';

const params = { seed: 'review', count: 20 };
const set = generatePersonas(FIXTURE_SOURCE, params);

describe('LLM review', () => {
  it('reads the first line, JSON, labels and the last assertion, with negations; unreadable text is no verdict', () => {
    const read = (raw: string) => {
      const r = parseReviewVerdict(raw);
      return r.ok ? r.value.verdict : null;
    };
    expect(parseReviewVerdict('PLAUSIBLE\nA retired teacher of 70 fits.')).toEqual({
      ok: true,
      value: { verdict: 'plausible', reason: 'A retired teacher of 70 fits.' },
    });
    expect(read('Implausible - a 12-year-old cannot be married.')).toBe('implausible');
    expect(read('**Verdict:** not plausible. Income too high.')).toBe('implausible');
    expect(parseReviewVerdict('{"verdict": "IMPLAUSIBLE", "reason": "x"}')).toEqual({
      ok: true,
      value: { verdict: 'implausible', reason: 'x' },
    });
    expect(read('{"plausible": true}')).toBe('plausible');
    expect(read('I like turtles.')).toBeNull();
  });

  it.each(REVIEW_OUTPUTS.map((c) => [c.note, c] as const))('reads %s', (_note, c) => {
    const r = parseReviewVerdict(c.text);
    expect(r.ok ? r.value.verdict : null).toBe(c.expected);
  });

  it('redraws rejected personas, reports the rejection rate and replays from the cache', async () => {
    // Reject the first draft of every 4th persona.
    const llm = new ScriptedClient((req, call) => (call % 4 === 0 ? 'IMPLAUSIBLE\nodd' : 'PLAUSIBLE\nfine'));
    const g = new PersonaGenerator(FIXTURE_SOURCE, params);
    const cache = new MemoryCallStore();
    const { personas, report } = await reviewPersonas(set, llm, { redraw: g.redraw((i) => set[i]!.split), cache });
    expect(personas.map((p) => p.id)).toEqual(set.map((p) => p.id));
    expect(personas.map((p) => p.split)).toEqual(set.map((p) => p.split));
    expect(report.reviewed).toBe(llm.requests.length);
    expect(report.rejected).toBeGreaterThan(0);
    expect(report.rejectionRate).toBeCloseTo(report.rejected / report.reviewed, 12);
    const changed = personas.filter((p, i) => JSON.stringify(p) !== JSON.stringify(set[i]));
    expect(changed.length).toBe(report.records.filter((r) => r.verdicts.length > 1).length);
    for (const p of personas) expect(checkPersonaRules(p)).toEqual([]);
    expect(llm.requests[0]!.temperature).toBe(0);
    // Replaying from the cache calls nothing and gives the same result.
    const silent = new ScriptedClient([new Error('should not be called')]);
    const again = await reviewPersonas(set, silent, {
      redraw: g.redraw((i) => set[i]!.split),
      cache,
    });
    expect(again.personas).toEqual(personas);
    expect(again.report.cached).toBe(report.reviewed);
  });

  it('keeps a persona rejected every time and says so; without redraw only reports', async () => {
    const no = new ScriptedClient(['IMPLAUSIBLE']);
    const g = new PersonaGenerator(FIXTURE_SOURCE, params);
    const r = await reviewPersonas(set.slice(0, 2), no, { redraw: g.redraw(() => 'train'), maxCandidates: 3 });
    expect(r.report.records.every((x) => x.keptDespiteRejection && x.verdicts.length === 3)).toBe(true);
    const flagOnly = await reviewPersonas(set.slice(0, 5), new ScriptedClient((_, n) => (n % 2 === 0 ? 'IMPLAUSIBLE' : 'PLAUSIBLE')));
    expect(flagOnly.personas).toEqual(set.slice(0, 5));
    expect(flagOnly.report.firstDraftRejectionRate).toBeCloseTo(3 / 5, 12);
  });
});

describe('LLM review: failed calls', () => {
  it('lists a persona whose call fails after its retries, keeps it as it was and goes on; a retry with the cache asks only it', async () => {
    let down = true;
    const llm = new ScriptedClient((_, n) =>
      down && n === 1 ? new LlmError('invalid-request', 'The request does not fit.') : 'PLAUSIBLE\nfine',
    );
    const cache = new MemoryCallStore();
    const five = set.slice(0, 5);
    const first = await reviewPersonas(five, llm, { cache, retryDelayMs: () => 0 });
    expect(first.personas).toEqual(five);
    expect(first.report.failed).toEqual([{ index: 1, id: five[1]!.id, error: 'The request does not fit.' }]);
    const asked = llm.requests.length;
    down = false;
    const again = await reviewPersonas(five, llm, { cache, retryDelayMs: () => 0 });
    expect(again.report.failed).toEqual([]);
    expect(llm.requests.length - asked).toBe(1);
  });

  it('stops, as a run does, when the server is gone or fails call after call', async () => {
    const gone = new ScriptedClient([new LlmError('network', 'Could not reach the server.')]);
    await expect(reviewPersonas(set.slice(0, 3), gone, { retryDelayMs: () => 0 })).rejects.toMatchObject({ kind: 'network' });
    const failing = new ScriptedClient([new LlmError('http', 'Internal error', { status: 500 })]);
    await expect(reviewPersonas(set.slice(0, 5), failing, { retryDelayMs: () => 0 })).rejects.toMatchObject({ kind: 'http' });
    expect(failing.requests.length).toBe(3 * 5); // three personas, each with the call path's four transport retries
  });
});

describe('review and enrichment prompts', () => {
  it('keep a persona holding "$&" or "{field}" as written (one template pass, no chained replace)', async () => {
    const odd = { ...set[0]!, 'personal time': 'Collects $& and {field} and {current} stickers' } as Persona;
    const llm = new ScriptedClient(['PLAUSIBLE\nfine']);
    await reviewPersonas([odd], llm);
    expect(llm.requests[0]!.messages.at(-1)!.content).toContain('Collects $& and {field} and {current} stickers');
    const writer = new ScriptedClient(['Reads in the garden']);
    await enrichPersonas([odd], writer, { fields: ['lifestyle'] });
    const prompt = writer.requests[0]!.messages.at(-1)!.content;
    expect(prompt).toContain('Collects $& and {field} and {current} stickers');
    expect(prompt).toContain('Rewrite this person\'s "lifestyle"');
  });
});

describe('LLM enrichment', () => {
  it('rewrites the open-ended fields, seeded, and resumes from the cache', async () => {
    const llm = new ScriptedClient((req) => `"Spends Saturday mornings at the ${req.seed} farmers market"`);
    const cache = new MemoryCallStore();
    const adults = set.filter((p) => (p.age as number) >= 16).slice(0, 5);
    const { personas, report } = await enrichPersonas(adults, llm, { fields: ['personal time'], cache });
    expect(report.rewritten).toBe(5);
    personas.forEach((p, i) => {
      expect(p['personal time']).toMatch(/^Spends Saturday mornings at the \d+ farmers market$/);
      expect({ ...p, 'personal time': adults[i]!['personal time'] }).toEqual(adults[i]);
    });
    expect(new Set(llm.requests.map((r) => r.seed)).size).toBe(5);
    // Half done, then resumed: the second run only calls for what is missing.
    const cache2 = new MemoryCallStore();
    await enrichPersonas(adults.slice(0, 2), llm, { fields: ['personal time'], cache: cache2 });
    const before = llm.requests.length;
    const resumed = await enrichPersonas(adults, llm, { fields: ['personal time'], cache: cache2 });
    expect(llm.requests.length - before).toBe(3);
    expect(resumed.personas).toEqual(personas);
  });

  it('leaves a field alone when the output is unusable or breaks a rule, and skips null and child jobs', async () => {
    expect(cleanEnrichment('Personal time: Reads history books', 'personal time')).toBe('Reads history books');
    expect(cleanEnrichment('\n\n', 'lifestyle')).toBeUndefined();
    expect(cleanEnrichment('x'.repeat(500), 'lifestyle')).toBeUndefined();
    const worker = set.find((p) => p['employment status'] === 'Civilian employed, at work')!;
    const r = await enrichPersonas([worker], new ScriptedClient(['Retired']), { fields: ['detailed job description'] });
    expect(r.personas[0]).toEqual(worker);
    expect(r.report.failures).toEqual([{ id: worker.id, field: 'detailed job description', raw: 'Retired' }]);
    const kid = { ...worker, age: 4, 'detailed job description': null };
    const llm = new ScriptedClient(['anything']);
    await enrichPersonas([kid], llm, { fields: ['detailed job description'] });
    expect(llm.requests).toHaveLength(0);
  });
});
