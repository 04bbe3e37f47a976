import { describe, expect, it } from 'vitest';
import { censusFigures } from '../../../../src/core/census/figures';
import { loadDefaultCensusModel, MARGINAL_KEYS, modelMarginals } from '../../../../src/core/census/index';

describe('censusFigures', () => {
  it("gives the default model's source, size and figures for the ten charted attributes", async () => {
    const f = await censusFigures();
    const model = await loadDefaultCensusModel();
    expect(f.source).toBe(model.meta.source);
    expect(f.records).toBe(model.meta.records);
    expect(f.weightedTotal).toBe(model.meta.weightedTotal);
    expect(f.figures.map((x) => x.key)).toEqual([...MARGINAL_KEYS]);
    expect(f.figures).toEqual(modelMarginals(model));
  });

  it('gives the figures of the model it is handed', async () => {
    const model = await loadDefaultCensusModel();
    const other = { ...model, meta: { ...model.meta, source: 'an imported model', records: 12 } };
    const f = await censusFigures(other);
    expect([f.source, f.records]).toEqual(['an imported model', 12]);
  });
});
