import { describe, expect, it } from 'vitest';
import { benchCallPlan } from '../../../../src/core/bench/estimate';
import { describeEstimate, estimateJob, formatDuration, formatTokens, LARGE_JOB } from '../../../../src/core/jobs/estimate';
import { looCallPlan, reviewCallPlan, runCallPlan, studyCallPlan } from '../../../../src/core/jobs/plans';

const gpu = { backend: 'webllm', concurrency: 4 };
const server = { backend: 'openai-http', concurrency: 4 };

describe('estimateJob', () => {
  it('adds the plan up and times it at the assumed speed, one call at a time on a WebGPU model', () => {
    const plan = [
      { kind: 'a', calls: 10, promptTokens: 300, completionTokens: 150 },
      { kind: 'b', calls: 2, promptTokens: 600, completionTokens: 0 },
    ];
    const e = estimateJob(plan, gpu);
    expect(e).toEqual({
      calls: 12,
      promptTokens: 4200,
      completionTokens: 1500,
      seconds: 1500 / 15 + 4200 / 300,
      basis: { kind: 'assumed', tokensPerSecond: 15, prefillTokensPerSecond: 300 },
    });
    // A server answers its calls at once: the same tokens at 40 and 1,500 tokens/s, shared by 4 streams.
    expect(estimateJob(plan, server).seconds).toBeCloseTo((1500 / 40 + 4200 / 1500) / 4, 9);
    expect(describeEstimate(e)).toBe('≈ 12 calls · 6 k tokens · ≈ 2 min (assumed: 15 tokens/s, nothing measured here yet)');
  });

  it('uses a measured time per call once there are enough calls, and a measured token rate otherwise', () => {
    const plan = runCallPlan({ slots: 40, pairs: 80, judges: 2 });
    expect(plan.map((p) => p.calls)).toEqual([40, 80, 80, 320]);
    const e = estimateJob(plan, server, { calls: 240, ms: 240 * 812 });
    expect(e.calls).toBe(520);
    expect(e.promptTokens + e.completionTokens).toBe(40 * 380 + 80 * 950 + 80 * 1050 + 320 * 1150);
    expect(e.seconds).toBeCloseTo((520 * 0.812) / 4, 9);
    expect(describeEstimate(e)).toBe('≈ 520 calls · 543 k tokens · ≈ 2 min (measured: 812 ms per call over 240 calls)');
    // Four calls are too few to measure anything: the assumption stands.
    expect(estimateJob(plan, server, { calls: 4, ms: 4000 }).basis.kind).toBe('assumed');
    const rate = estimateJob(plan, gpu, { tokensPerSecond: 30 });
    expect(rate.basis).toEqual({ kind: 'measured-tokens', tokensPerSecond: 30 });
    expect(rate.seconds).toBeCloseTo(rate.completionTokens / 30 + rate.promptTokens / 300, 9);
  });

  it('warns above 10,000 calls or 2 hours, and only then', () => {
    const calls = (n: number) => [{ kind: 'x', calls: n, promptTokens: 0, completionTokens: 0 }];
    expect(estimateJob(calls(LARGE_JOB.calls), server).warning).toBeUndefined();
    expect(estimateJob(calls(LARGE_JOB.calls + 1), server).warning).toBe(
      'A large job: 10,001 model calls, ≈ 0 s. It can be stopped and resumed, but consider a smaller design first.',
    );
    // 2 h 0 min 1 s of decoding at 15 tokens/s is large; 2 h is not.
    const tokens = (s: number) => [{ kind: 'x', calls: 1, promptTokens: 0, completionTokens: s * 15 }];
    expect(estimateJob(tokens(7200), gpu).warning).toBeUndefined();
    expect(estimateJob(tokens(7201), gpu).warning).toMatch(/^A large job: 1 model calls, ≈ 2 h\./);
  });

  it('sizes leave-one-out, the review, a bench and a study from their plans', () => {
    // The paper's design: 33 attributes × 40 pairs × 20 questions, 6 calls each, plus 20 baselines.
    expect(estimateJob(looCallPlan({ tasks: 33 * 40 * 20, baselines: 20 }), gpu).calls).toBe(158_420);
    expect(reviewCallPlan(200)[0]!.calls).toBe(217);
    const bench = benchCallPlan({ items: 10, methods: ['baseline', 'cot'], samples: 4, judged: true });
    expect(bench.map((p) => [p.kind, p.calls])).toEqual([
      ['baseline', 40],
      ['cot', 40],
      ['critic', 80],
      ['subtlety', 80],
    ]);
    expect(estimateJob(bench, gpu).completionTokens).toBe(40 * 300 + 40 * 500 + 80 * 350 + 80 * 80);
    const study = studyCallPlan([
      { step: 'questions', calls: 4, scoreCalls: 0, tokens: 700 },
      { step: 'evaluation', calls: 0, scoreCalls: 9, tokens: 0 },
    ]);
    expect(study).toEqual([
      { kind: 'questions', calls: 4, promptTokens: 400, completionTokens: 175 },
      { kind: 'evaluation', calls: 0, promptTokens: 400, completionTokens: 0 },
      { kind: 'evaluation scores', calls: 9, promptTokens: 400, completionTokens: 0 },
    ]);
  });

  it('formats durations and tokens as an estimate reads', () => {
    expect([45, 150, 7800, 7200, 3 * 86400 + 4 * 3600, 86400].map(formatDuration)).toEqual([
      '45 s',
      '3 min',
      '2 h 10 min',
      '2 h',
      '3 d 4 h',
      '1 d',
    ]);
    expect([850, 12_345, 1_120_000].map(formatTokens)).toEqual(['850', '12 k', '1.1 M']);
  });
});
