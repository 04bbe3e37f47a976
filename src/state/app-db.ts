/** The page's one database connection and the statistics stores over it, opened on first use. */
import { AnnotationStore } from '../db/annotation-store';
import { PersonaLabDb } from '../db/database';
import { LabelStore } from '../db/label-store';
import { LooStore } from '../db/loo-store';

let db: PersonaLabDb | undefined;

/** The database. */
export function appDb(): PersonaLabDb {
  return (db ??= new PersonaLabDb());
}

/** The stores of issue #5. */
export function statsStores(): { labels: LabelStore; annotations: AnnotationStore; loo: LooStore } {
  const d = appDb();
  return { labels: new LabelStore(d), annotations: new AnnotationStore(d), loo: new LooStore(d) };
}
