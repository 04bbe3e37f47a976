/**
 * The demo example (#11, the teacher's day): a small persona set, a finished run with two judges,
 * the label set of its judges, a classroom kit drawn from the run and the students' answer files,
 * as one JSON document in `public/demo/`. It is data made by `scripts/make-demo.ts` with the real
 * pipeline and a deterministic scripted model (no model runs when it is loaded); the app stores its
 * parts as if they had been made here, so every page can be shown without a GPU or a server.
 */
import { z } from 'zod';
import type { AnnotationKit } from '../annotation/kit';
import type { IncomingFile } from '../annotation/classroom';
import type { LabelSet } from '../judging/label-set';
import type { GenerateParams } from '../personas/generate';
import type { AttributeComparison } from '../personas/compare';
import type { Persona } from '../personas/schema';
import type { RunItem, RunRecord } from '../pipeline/records';
import { readJsonDocument } from '../records/json-text';
import { checkValue } from '../records/check';
import { FileProblemsError, ProblemLog } from '../records/problems';

/** Format tag of the demo bundle. */
export const DEMO_FORMAT = 'persona-lab/demo';

/** The demo bundle's path under the app's base URL. */
export const DEMO_PATH = 'demo/persona-lab-demo.json';

/** The demo's persona set: the set's generation record and its personas. */
interface DemoPersonaSet {
  /** Name shown in lists. */
  readonly name: string;
  /** Generation parameters (seed, count). */
  readonly params: GenerateParams;
  /** The census model id and description. */
  readonly modelId: string;
  /** The census model's description. */
  readonly modelLabel: string;
  /** `setFingerprint(personas)`. */
  readonly fingerprint: string;
  /** Training personas. */
  readonly train: number;
  /** The census comparison. */
  readonly comparison: readonly AttributeComparison[];
  /** The personas. */
  readonly personas: readonly Persona[];
}

/** The whole example. */
export interface DemoBundle {
  /** `DEMO_FORMAT`. */
  readonly format: typeof DEMO_FORMAT;
  /** 1. */
  readonly version: 1;
  /** How it was made and how to make it again, for people. */
  readonly about: string;
  /** The persona set. */
  readonly personaSet: DemoPersonaSet;
  /** The finished run (two judges). */
  readonly run: RunRecord;
  /** Its items, every stage done. */
  readonly items: readonly RunItem[];
  /** The run's judges as a label set (the Agreement page's matrix). */
  readonly labels: LabelSet;
  /** A classroom kit drawn from the run. */
  readonly kit: AnnotationKit;
  /** The students' answer files for the kit, as they export them. */
  readonly answerFiles: readonly IncomingFile[];
}

const record = z.record(z.string(), z.unknown());
const schema = z.object({
  format: z.literal(DEMO_FORMAT),
  version: z.literal(1),
  about: z.string(),
  personaSet: z.object({ name: z.string().min(1), fingerprint: z.string().min(1), personas: z.array(record).min(1) }).passthrough(),
  run: z.object({ id: z.string().min(1), name: z.string() }).passthrough(),
  items: z.array(z.object({ id: z.string().min(1), runId: z.string().min(1) }).passthrough()).min(1),
  labels: z.object({ id: z.string().min(1) }).passthrough(),
  kit: z.object({ id: z.string().min(1), title: z.string() }).passthrough(),
  answerFiles: z.array(z.object({ name: z.string().min(1), text: z.string() })),
});

/** Reads the bundle's text; throws `FileProblemsError` naming what is wrong (a bundle of another version, a missing part). */
export function readDemoBundle(name: string, text: string): DemoBundle {
  const log = new ProblemLog(name);
  const doc = readJsonDocument(text, log);
  if (doc.ok) {
    const checked = checkValue(schema, doc.value, undefined, log);
    if (checked !== undefined) return checked as unknown as DemoBundle;
  }
  throw new FileProblemsError(log.list());
}
