/**
 * The statistics part of the compute worker (issue #5): agreement reports, pairwise matrices, the
 * judge analysis, label-file imports (the record reader runs here, so a large file never blocks
 * the page) and simulated label sets. Only plain data crosses; progress comes back through a
 * comlink proxy.
 */
import { analyseJudges, type JudgeAnalysis, type JudgeAnalysisOptions } from '../src/core/judging/analysis';
import { importLabelFile, type LabelImportOptions, type LabelImportOutcome } from '../src/core/judging/label-import';
import type { LabelSet } from '../src/core/judging/label-set';
import { simulateLabelSet, type LabelSimulation } from '../src/core/judging/simulate';
import { computeAgreement, type AgreementReport, type AgreementRequest } from '../src/core/stats/agreement';
import { pairwiseMatrix, type PairwiseMatrix } from '../src/core/stats/pairwise';
import type { RatingMatrix } from '../src/core/stats/ratings';
import type { WeightScheme } from '../src/core/stats/types';

export const statsApi = {
  /** One agreement report (the CLI's computation). */
  async statsAgreement(m: RatingMatrix, req: AgreementRequest, onProgress?: (done: number) => void): Promise<AgreementReport> {
    return computeAgreement(m, req, onProgress);
  },

  /** All pairwise kappa / percent / AC1. */
  async statsPairwise(m: RatingMatrix, weights: WeightScheme, onRow?: (done: number) => void): Promise<PairwiseMatrix> {
    return pairwiseMatrix(m, weights, onRow);
  },

  /** The judge analysis of a label set. */
  async statsAnalyseJudges(set: LabelSet, options: JudgeAnalysisOptions, onProgress?: (f: number) => void): Promise<JudgeAnalysis> {
    return analyseJudges(set, options, onProgress);
  },

  /** Reads and imports a label file (`importLabelFile`: any format, long or wide layout, problems by line). */
  async statsImportLabels(file: Blob | string, name: string, now: number, options: LabelImportOptions = {}): Promise<LabelImportOutcome> {
    return importLabelFile(name, typeof file === 'string' ? file : new Uint8Array(await file.arrayBuffer()), now, options);
  },

  /** A simulated label set and its analysis; the set itself comes back only when `keep` is true (it can be large). */
  async statsSimulate(
    o: LabelSimulation,
    options: JudgeAnalysisOptions,
    keep: boolean,
    onProgress?: (f: number) => void,
  ): Promise<{ set: LabelSet | null; analysis: JudgeAnalysis }> {
    const set = simulateLabelSet(o);
    onProgress?.(0.2);
    const analysis = analyseJudges(set, options, (f) => onProgress?.(0.2 + 0.8 * f));
    return { set: keep ? set : null, analysis };
  },
};
