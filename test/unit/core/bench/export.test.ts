import { describe, expect, it } from 'vitest';
import { makeBenchConfig } from '../../../../src/core/bench/config';
import { makeBench } from '../../../../src/core/bench/create';
import { leaderboard, leaderboardCsv, leaderboardJson, resultsJson } from '../../../../src/core/bench/export';
import type { BenchRecord } from '../../../../src/core/bench/records';
import type { MethodResult } from '../../../../src/core/bench/score';

const personas = [{ id: 'p0', split: 'test' as const, text: 'age: 40' }];
const prompts = [{ id: 'q0', text: 'Why?', topic: 'ethics', split: 'heldout' as const }];

function bench(model: string, status: BenchRecord['status'], accuracy: number): BenchRecord {
  const b = makeBench({
    name: `bench of ${model}`,
    config: makeBenchConfig({ model: { backend: 'openai-http', model, baseUrl: 'http://h/v1' } }, { methods: ['persona'], samples: 2 }),
    personas,
    prompts,
    appVersion: '0',
  });
  const r: MethodResult = {
    accuracy,
    ci95: [accuracy / 2, accuracy],
    n_items: 1,
    n_samples: 2,
    missing: 0,
    pass_at_k: { '1': accuracy, '2': 1 },
    passed: 1,
    scored: 2,
    pending: 0,
  };
  return { ...b, status, results: { methods: { persona: r } } };
}

describe('bench exports', () => {
  it("writes results.json with the issue's fields, the roles and the config", () => {
    const b = bench('tiny', 'done', 0.5);
    const json = resultsJson(b, b.results!, { status: 'done' });
    expect(Object.keys(json).slice(0, 4)).toEqual(['methods', 'model', 'critic', 'config']);
    expect(json.model).toEqual({
      name: 'tiny',
      backend: 'openai-http',
      endpoint: 'http://h/v1',
      sampling: { temperature: 0.7, top_p: 0.95, max_tokens: 1024 },
    });
    expect(json.config).toMatchObject({
      seed: 1,
      samples: 2,
      methods: ['persona'],
      pass_at_k: [1, 2],
      items: 1,
      bootstrap_resamples: 1000,
    });
    expect((json.config as { templates: Record<string, string> }).templates).toEqual({
      persona: expect.stringMatching(/^bench-persona@[0-9a-f]{16}$/),
      critic: expect.stringMatching(/^bench-critic@/),
    });
    expect(json.status).toBe('done');
  });

  it('ranks finished benches only, best first, and neutralises formula-like cells in the CSV', () => {
    const rows = leaderboard([bench('=HYPERLINK("x")', 'done', 0.4), bench('good', 'done', 0.9), bench('stopped', 'paused', 1)]);
    expect(rows.map((r) => r.model)).toEqual(['good', '=HYPERLINK("x")']);
    const csv = leaderboardCsv(rows).split('\r\n');
    expect(csv[0]).toBe(
      'model,backend,method,accuracy,ci_low,ci_high,n_items,n_samples,missing,pass@1,pass@2,pass@4,pass@8,pass@16,critic,bench,bench_id,created',
    );
    expect(csv[1]).toMatch(/^good,openai-http,persona,0\.9,0\.45,0\.9,1,2,0,0\.9,1,,,,good,/);
    expect(csv[2]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    expect(JSON.parse(leaderboardJson(rows))[0]).toMatchObject({
      model: 'good',
      method: 'persona',
      accuracy: 0.9,
      ci95: [0.45, 0.9],
      pass_at_k: { '1': 0.9, '2': 1 },
    });
  });
});
