/**
 * Which stored rows make up one item the user can delete (a persona set, a run and its items, …):
 * what an undo snapshots before the delete and puts back after it. The tables are the data
 * bundle's, so the snapshot and its restore are the Data page's own code.
 */
import type { RowPick } from './data-store';

/** The kinds of item a delete can be undone for. */
export type ItemKind =
  | 'personaSet'
  | 'promptSet'
  | 'run'
  | 'conversation'
  | 'labelSet'
  | 'classroom'
  | 'looRun'
  | 'bench'
  | 'wikiStudy'
  | 'wikiPerson'
  | 'censusModel';

const byKey = (table: string, key: string): RowPick => ({ table, key });
const byIndex = (table: string, index: string, equals: string): RowPick => ({ table, where: { index, equals } });

/** The rows of one item; the first pick is the item's own row (gone once it is deleted). */
export function itemRows(kind: ItemKind, id: string): readonly RowPick[] {
  switch (kind) {
    case 'personaSet':
      return [byKey('personaSets', id), byKey('personaSetData', id)];
    case 'promptSet':
      return [byKey('promptSets', id)];
    case 'run':
      return [byKey('runs', id), byIndex('runItems', 'runId', id)];
    case 'conversation':
      return [byKey('conversations', id)];
    case 'labelSet':
      return [byKey('labelSets', id)];
    case 'classroom':
      return [byKey('classrooms', id)];
    case 'looRun':
      return [byKey('looRuns', id), byIndex('looJudgements', 'runId', id)];
    case 'bench':
      return [byKey('benches', id), byIndex('benchSamples', 'benchId', id)];
    case 'wikiStudy':
      return [byKey('wikiStudies', id), byIndex('wikiValues', 'studyId', id)];
    case 'wikiPerson':
      return [byKey('wikiPeople', id)];
    case 'censusModel':
      return [byKey('censusModels', id)];
  }
}
