import { afterEach, describe, expect, it } from 'vitest';
import { checkAnswersFile } from '../../../src/core/annotation/classroom';
import { AnnotationStore } from '../../../src/db/annotation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { AnnotationState } from '../../../src/state/AnnotationState.svelte';
import { kit } from '../core/annotation/fixtures';
import { kitLink } from '../../../src/core/annotation/kit-link';
import { deflateText } from '../../../src/platform/deflate';
import { previewStore } from '../../../src/state/annotation-preview';

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
  it('opens a kit from a link, and names a damaged link', async () => {
    const db = new PersonaLabDb(`annot-${++n}`);
    opened.push(db);
    const s = new AnnotationState(new AnnotationStore(db));
    await s.load();
    expect(await s.openKitLink('')).toBeUndefined();
    const link = kitLink('https://x/', await deflateText(JSON.stringify(kit))) as string;
    const query = link.split('?')[1]!;
    expect((await s.openKitLink(query))!.id).toBe(kit.id);
    expect(s.kits.map((k) => k.id)).toEqual([kit.id]);
    expect(await s.openKitLink(query.slice(0, -12))).toBeNull();
    expect(s.error).toMatch(/^This kit link cannot be opened: .*Ask your teacher for the link again, or for the kit file\.$/);
    expect(await s.openKitLink('kit=a*b')).toBeNull();
    expect(s.error).toMatch(/is not base64url/);
  });

  it("previews a kit as a student without storing the teacher's session or answers", async () => {
    const db = new PersonaLabDb(`annot-${++n}`);
    opened.push(db);
    const store = new AnnotationStore(db);
    await store.putKit({ ...kit, importedAt: 1 });
    const p = new AnnotationState(previewStore(store, kit.id), true);
    await p.load();
    expect(p.preview).toBe(true);
    await p.start(kit.id, 'P1', 'Preview');
    await p.acknowledge();
    await p.choose(1);
    await p.next();
    expect(p.answered).toBe(1);
    expect(await store.listSessions()).toEqual([]);
    expect(await db.table('annotationAnswers').count()).toBe(0);
    const student = new AnnotationState(store);
    await student.load();
    expect(student.session).toBeNull();
    expect(student.kits.map((k) => k.id)).toEqual([kit.id]);
  });

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
