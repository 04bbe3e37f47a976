/**
 * The embedded default census model (ACS 2024 1-year PUMS, the nation), built by
 * `npm run build:census` into data/default-model.json. Loaded on demand: in the app it is a
 * separate chunk, fetched the first time personas are generated.
 */
import type { CensusModelData } from './model';

let cached: Promise<CensusModelData> | undefined;

/** The default model (the same object on every call). */
export function loadDefaultCensusModel(): Promise<CensusModelData> {
  cached ??= import('./data/default-model.json').then((m) => (m.default ?? m) as unknown as CensusModelData);
  return cached;
}
