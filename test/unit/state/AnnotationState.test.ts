import { afterEach, describe, expect, it } from 'vitest';
import { checkAnswersFile } from '../../../src/core/annotation/classroom';
import { AnnotationStore } from '../../../src/db/annotation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { AnnotationState } from '../../../src/state/AnnotationState.svelte';
import { kit } from '../core/annotation/fixtures';

let n = 0;
const opened: PersonaLabDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});
const kitFile = () => new File([JSON.stringify(kit)], 'kit.json');

describe('AnnotationState', () => {
  it('saves as it goes and resumes after a "reload" (a new state over the same database)', async () => {
    const name = `annot-${++n}`;
    const db = new PersonaLabDb(name);
    opened.push(db);
    const s = new AnnotationState(new AnnotationStore(db));
    await s.load();
    expect(await s.openKitFile(kitFile())).not.toBeNull();
    await s.start(kit.id, 'P1', 'Ada');
    expect(s.session!.instructionsRead).toBe(false);
    await s.acknowledge();
    await s.choose(2);
    s.setJustification('She would want the personal one.');
    await s.next();
    await s.choose(1);
    const firstPair = s.items[0]!;
    expect(s.drafts[firstPair.item.pairId]!.choice).toBe(firstPair.shownFirst === 'a' ? 'b' : 'a');

    const again = new AnnotationState(new AnnotationStore(db));
    await again.load();
    expect(again.session!.annotator).toBe('Ada');
    expect(again.position).toBe(1);
    expect(again.items.map((p) => p.item.pairId)).toEqual(s.items.map((p) => p.item.pairId));
    expect(again.drafts[firstPair.item.pairId]).toEqual({
      choice: s.drafts[firstPair.item.pairId]!.choice,
      justification: 'She would want the personal one.',
    });
    expect(again.answered).toBe(2);

    const file = await again.exportFile();
    expect(file.name).toBe('annotations-Ada-P1.json');
    const checked = checkAnswersFile(kit, { name: file.name, text: file.text });
    expect('problems' in checked).toBe(false);
    if (!('problems' in checked)) expect(checked.answers).toHaveLength(2);
  });

  it('refuses a file that is not a kit, naming the problem', async () => {
    const db = new PersonaLabDb(`annot-${++n}`);
    opened.push(db);
    const s = new AnnotationState(new AnnotationStore(db));
    await s.load();
    expect(await s.openKitFile(new File(['{"format":"x"}'], 'odd.json'))).toBeNull();
    expect(s.error).toBe(
      'This kit cannot be opened: odd.json, field "format": not an annotation kit (its "format" is not "persona-lab/annotation-kit").',
    );
    expect(await s.openKitFile(new File(['{"format":"persona-lab/annotation-kit","version":1}'], 'short.json'))).toBeNull();
    expect(s.error).toMatch(/^This kit cannot be opened: short\.json, field "id": .* \(and \d+ more problems\)\.$/);
    expect(await s.openKitFile(new File(['nope'], 'bad.json'))).toBeNull();
    expect(s.error).toBe("This kit cannot be opened: bad.json: not valid JSON (unexpected token 'o').");
  });

  it('needs a name', async () => {
    const db = new PersonaLabDb(`annot-${++n}`);
    opened.push(db);
    const s = new AnnotationState(new AnnotationStore(db));
    await s.load();
    await s.openKitFile(kitFile());
    await s.start(kit.id, 'P1', '   ');
    expect(s.session).toBeNull();
    expect(s.error).toMatch(/Type your name/);
  });
});
