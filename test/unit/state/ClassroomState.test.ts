import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT } from '../../../src/core/annotation/answers-file';
import { executeRun } from '../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../src/core/pipeline/store';
import { AnnotationStore } from '../../../src/db/annotation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { LabelStore } from '../../../src/db/label-store';
import { SettingsStore } from '../../../src/db/settings-store';
import { readKitFile } from '../../../src/core/annotation/kit-file';
import { kitLinkPayload } from '../../../src/core/annotation/kit-link';
import { instructionsText } from '../../../src/core/annotation/instructions';
import { inflateText } from '../../../src/platform/deflate';
import { ClassroomState } from '../../../src/state/ClassroomState.svelte';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';
import { clientsOf, config, newRun } from '../core/pipeline/helpers';
import { inThreadCompute } from './compute-double';

const dbs: PersonaLabDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('ClassroomState', () => {
  it('makes a kit from a run without judges too, and offers only judged runs as model labels', async () => {
    const pipeline = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(pipeline, config(llm, {}, 0), 2, 12);
    await executeRun(runId, { store: pipeline, clients: clientsOf(llm, 0), retryDelayMs: () => 0 });
    const db = new PersonaLabDb(`classroom-${Math.random()}`);
    dbs.push(db);
    const room = new ClassroomState(new AnnotationStore(db), new LabelStore(db), pipeline, inThreadCompute(), new SettingsStore(db));
    await room.load();
    expect(room.kitRuns.map((r) => r.id)).toEqual([runId]);
    expect(room.runs).toEqual([]);
    expect(await room.measureRun(runId, false)).toEqual({ personas: 2, perPersona: 4 });
    expect(room.capacity).toMatchObject({ runId, pairs: 8, perPersona: [4, 4] });
    // The default-sized kit does not fit, and the refusal says what would.
    expect(await room.kitFromRun(runId, { title: 'Big', personas: 20, perPersona: 10, seed: 's' })).toBeUndefined();
    expect(room.error).toMatch(
      /^This run has 2 personas with finished pairs .*lower the counts \(at most 2 personas × 4 questions\) or finish the run\.$/,
    );
    // A kit needing verdicts cannot come from a run without judges.
    expect(await room.kitFromRun(runId, { title: 'Judged', personas: 2, perPersona: 2, seed: 's', judgedOnly: true })).toBeUndefined();
    expect(room.error).toMatch(/no finished and judged pairs/);
    const kit = await room.kitFromRun(runId, { title: 'Unjudged', personas: 2, perPersona: 2, seed: 's' });
    expect(kit!.items).toHaveLength(4);
  });

  it('remembers the chosen kit, edits its instructions, hands it out as a link and shows progress', async () => {
    const pipeline = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(pipeline, config(llm, {}, 0), 2, 4);
    await executeRun(runId, { store: pipeline, clients: clientsOf(llm, 0), retryDelayMs: () => 0 });
    const db = new PersonaLabDb(`classroom-${Math.random()}`);
    dbs.push(db);
    const make = () => new ClassroomState(new AnnotationStore(db), new LabelStore(db), pipeline, inThreadCompute(), new SettingsStore(db));
    const room = make();
    await room.load();
    const one = (await room.kitFromRun(runId, { title: 'One', personas: 2, perPersona: 2, seed: 'a' }))!;
    const two = (await room.kitFromRun(runId, { title: 'Two', personas: 1, perPersona: 3, seed: 'b' }))!;
    await room.selectKit(two.id);
    await room.selectKit(one.id);
    await room.setInstructions(instructionsText());
    await room.setExpected(['Ada', 'Bo']);
    const link = await room.kitLink('https://class.example/app/#/classroom');
    expect(typeof link).toBe('string');
    const read = readKitFile('link', await inflateText(kitLinkPayload((link as string).split('?')[1]!) as Uint8Array));
    expect(read.ok && read.kit.instructions).toBe(instructionsText());
    expect(read.ok && read.kit.id).toBe(one.id);
    expect(JSON.parse(room.kitFile()!.text)).not.toHaveProperty('importedAt');
    await room.addFiles([
      {
        name: 'ada.json',
        text: async () =>
          JSON.stringify({
            format: ANSWERS_FORMAT,
            version: 1,
            kitId: one.id,
            kitTitle: one.title,
            annotator: 'ada',
            personaId: one.items[0]!.personaId,
            startedAt: 't',
            exportedAt: '2026-01-01T10:00:00.000Z',
            answers: [{ pairId: one.items[0]!.pairId, choice: 'a', shownFirst: 'a', justification: '', answeredAt: 't' }],
          }),
      } as unknown as File,
    ]);
    expect(room.progress!.students.map((x) => [x.annotator, x.answered, x.of])).toEqual([['ada', 1, 2]]);
    expect(room.progress!.missing).toEqual(['Bo']);
    expect(room.progress!.open).toHaveLength(4);

    // After a reload the chosen kit (not the classroom changed last) reopens, with its list and instructions.
    await room.selectKit(two.id);
    await room.selectKit(one.id);
    await new AnnotationStore(db).putClassroom({
      id: two.id,
      kitId: two.id,
      files: [],
      resolutions: [],
      modelSetId: null,
      updatedAt: Date.now() + 1e6,
    });
    const again = make();
    await again.load();
    expect(again.kit!.id).toBe(one.id);
    expect(again.kit!.instructions).toBe(instructionsText());
    expect(again.expected).toEqual(['Ada', 'Bo']);
  });

  it('makes a kit from a run, imports files (refused, duplicate, conflict), resolves, and compares people with the run', async () => {
    const pipeline = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(pipeline, config(llm), 3, 12);
    await executeRun(runId, { store: pipeline, clients: clientsOf(llm), retryDelayMs: () => 0 });
    const db = new PersonaLabDb(`classroom-${Math.random()}`);
    dbs.push(db);
    const room = new ClassroomState(new AnnotationStore(db), new LabelStore(db), pipeline, inThreadCompute(), new SettingsStore(db));
    await room.load();
    expect(room.runs.map((r) => r.id)).toEqual([runId]);
    const kit = await room.kitFromRun(runId, { title: 'Class', personas: 2, perPersona: 3, seed: 's' });
    expect(kit!.items).toHaveLength(6);
    await room.selectKit(kit!.id);

    const persona = kit!.personas[0]!.id;
    const pairs = kit!.items.filter((i) => i.personaId === persona).map((i) => i.pairId);
    const file = (who: string, choices: string[]) =>
      ({
        text: async () =>
          JSON.stringify({
            format: ANSWERS_FORMAT,
            version: 1,
            kitId: kit!.id,
            kitTitle: kit!.title,
            annotator: who,
            personaId: persona,
            startedAt: 't',
            exportedAt: 't',
            answers: pairs.map((pairId, i) => ({ pairId, choice: choices[i], shownFirst: 'a', justification: '', answeredAt: 't' })),
          }),
        name: `${who}-${choices.join('')}.json`,
      }) as unknown as File;
    await room.addFiles([
      file('A1', ['b', 'b', 'b']),
      file('A2', ['b', 'a', 'b']),
      file('A3', ['b', 'b', 'a']),
      file('A4', ['a', 'b', 'b']),
    ]);
    await room.addFiles([
      file('A1', ['b', 'b', 'b']),
      file('A2', ['a', 'a', 'b']),
      { name: 'junk.json', text: async () => 'junk' } as unknown as File,
    ]);
    const imp = room.imported!;
    expect(imp.rejected.map((r) => r.file)).toEqual(['junk.json']);
    expect(imp.duplicates.some((d) => d.kind === 'file')).toBe(true);
    expect(imp.conflicts).toHaveLength(1);
    // A2's first answer conflicts (b, then a) and stays out until decided: b from A1 and A3, a from A4.
    const first = room.majorities.find((m) => m.personaId === persona)!.items.find((i) => i.pairId === pairs[0])!;
    expect(first.outcome).toEqual({ status: 'majority', label: 'b', votes: 2, of: 3 });

    await room.resolve(imp.conflicts[0]!.id, 'A2-aab.json');
    const after = room.majorities.find((m) => m.personaId === persona)!.items.find((i) => i.pairId === pairs[0])!;
    expect(after.outcome).toEqual({ status: 'tie', labels: ['b', 'a'], votes: 2, of: 4 });
    expect(room.slots!.raters.map((r) => r.id)).toContain('annotator 4');

    await room.setModelSource(`run:${runId}`);
    expect(room.models!.raters.map((r) => r.kind)).toEqual(['human', 'human', 'human', 'human', 'model', 'model', 'majority']);
    expect(room.models!.reference).toBe('humans (majority)');

    // The work survives a reload: a new state over the same database restores files and decisions.
    const again = new ClassroomState(new AnnotationStore(db), new LabelStore(db), pipeline, inThreadCompute(), new SettingsStore(db));
    await again.load();
    expect(again.kit!.id).toBe(kit!.id);
    expect(again.files).toHaveLength(7);
    expect(again.resolutions).toEqual([{ conflictId: imp.conflicts[0]!.id, keep: 'A2-aab.json' }]);
    expect(again.modelSource).toBe(`run:${runId}`);
  });
});
