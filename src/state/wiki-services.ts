/**
 * The WikiPersonas state of the app, made once on first use over the app's database and the
 * pipeline's one call cache (so a study's calls are cached like every other model call), under an
 * effect root of its own so a running study outlives the page (as `pipeline-services.ts` does).
 */
import { DexieWikiStore } from '../db/wiki-store';
import { detached } from './detached.svelte';
import { pipelineStore } from './pipeline-services';
import { services } from './services';
import { WikiStudies } from './WikiStudies.svelte';

let instance: { readonly store: DexieWikiStore; readonly studies: WikiStudies } | undefined;

/** The WikiPersonas store and state, made on first call. */
export function wikiServices(): { readonly store: DexieWikiStore; readonly studies: WikiStudies } {
  if (!instance) {
    const store = new DexieWikiStore(services().db);
    const calls = pipelineStore();
    const studies = detached(() => new WikiStudies(store, calls));
    instance = { store, studies };
  }
  return instance;
}
