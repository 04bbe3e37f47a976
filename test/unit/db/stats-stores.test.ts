import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationStore, sessionId } from '../../../src/db/annotation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { LabelStore } from '../../../src/db/label-store';
import { LooStore } from '../../../src/db/loo-store';

let n = 0;
const dbs: PersonaLabDb[] = [];
/** A fresh database (unique name) in fake-indexeddb. */
function fresh(name = `stats-${++n}`): PersonaLabDb {
  const db = new PersonaLabDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('schema v5 stores', () => {
  it('label sets keep their typed arrays', async () => {
    const store = new LabelStore(fresh());
    await store.put({
      id: 's1',
      name: 'labels.csv',
      source: 'import',
      createdAt: 5,
      categories: ['a', 'b'],
      raters: [{ id: 'm', kind: 'model' }],
      pairs: [
        { id: 'p1', personaId: 'P' },
        { id: 'p2', personaId: 'P' },
      ],
      choices: Int16Array.from([1, -1]),
      shownFirst: Int16Array.from([0, -1]),
    });
    const back = await store.get('s1');
    expect(back!.choices).toBeInstanceOf(Int16Array);
    expect(Array.from(back!.choices)).toEqual([1, -1]);
    expect(await store.list()).toEqual([{ id: 's1', name: 'labels.csv', source: 'import', createdAt: 5, raters: 1, pairs: 2 }]);
    await store.setRaterNames('s1', { m: 'GPT judge' });
    const named = await store.get('s1');
    expect(named!.raterNames).toEqual({ m: 'GPT judge' });
    expect(named!.raters).toEqual([{ id: 'm', kind: 'model' }]);
    expect(Array.from(named!.choices)).toEqual([1, -1]);
  });

  it('annotation answers survive closing and reopening the database', async () => {
    const name = `stats-reopen-${++n}`;
    const db = fresh(name);
    const store = new AnnotationStore(db);
    const id = sessionId('kit', 'P1', ' Ada ');
    expect(id).toBe('kit/P1/ada');
    await store.putSession({
      id,
      kitId: 'kit',
      annotator: 'Ada',
      personaId: 'P1',
      startedAt: 'now',
      position: 0,
      instructionsRead: true,
      active: true,
      updatedAt: 1,
    });
    await store.saveAnswer({ sessionId: id, pairId: 'q1', choice: 'b', shownFirst: 'a', justification: 'because', answeredAt: 't' }, 1, 2);
    await store.saveAnswer(
      { sessionId: id, pairId: 'q1', choice: 'a', shownFirst: 'a', justification: 'changed my mind', answeredAt: 't2' },
      1,
      3,
    );
    db.close();
    const reopened = new PersonaLabDb(name);
    await reopened.open();
    dbs.push(reopened);
    const again = new AnnotationStore(reopened);
    expect(await again.answers(id)).toEqual([
      { sessionId: id, pairId: 'q1', choice: 'a', shownFirst: 'a', justification: 'changed my mind', answeredAt: 't2' },
    ]);
    expect((await again.getSession(id))!.position).toBe(1);
    await again.deleteSession(id);
    expect(await again.answers(id)).toEqual([]);
  });

  it('leave-one-out runs and judgements', async () => {
    const store = new LooStore(fresh());
    await store.putRun({ id: 'r', name: 'run', createdAt: 1, source: 'run', design: null, model: 'm', status: 'running', error: null });
    await store.setStatus('r', 'stopped', 'network down');
    expect(await store.getRun('r')).toMatchObject({ status: 'stopped', error: 'network down' });
    await store.putJudgements([
      {
        runId: 'r',
        key: 'age/0/q1/with',
        attribute: 'age',
        unit: 0,
        personaId: 'p',
        questionId: 'q1',
        judge: 'with',
        choice: 'with',
        note: '',
      },
    ]);
    expect(await store.judgements('r')).toHaveLength(1);
    await store.deleteRun('r');
    expect(await store.judgements('r')).toEqual([]);
  });
});
