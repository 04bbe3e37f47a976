/**
 * One annotator's work on a kit: open a kit file, pick a name and the persona to role-play, read
 * the instructions (PERSONA Appendix D), then answer question by question. Every choice and every
 * pause in typing is written to IndexedDB at once, so a reload resumes at the same question with
 * the same answers. The answers leave the device only as the file the annotator exports.
 */
import { ANSWERS_FORMAT, type AnswersFile } from '../core/annotation/answers-file';
import { presentation, type AnnotationKit, type PresentedItem } from '../core/annotation/kit';
import { readKitFile } from '../core/annotation/kit-file';
import { problemSummary } from '../core/records/problems';
import { sessionId } from '../db/annotation-store';
import { kitLinkPayload } from '../core/annotation/kit-link';
import { inflateText } from '../platform/deflate';
import type { AnnotationSessionStore } from './annotation-preview';
import type { AnnotationKitRow, AnnotationSessionRow } from '../db/stats-rows';
import { Stored } from './Stored.svelte';

/** An answer in progress. */
export interface Draft {
  /** The choice, or null. */
  choice: 'a' | 'b' | null;
  /** The justification. */
  justification: string;
}

const SAVE_DELAY_MS = 300;

export class AnnotationState {
  #kits = new Stored<AnnotationKitRow[]>(() => this.store.listKits(), []);
  #sessions = $state.raw<AnnotationSessionRow[]>([]);
  #kit = $state.raw<AnnotationKit | null>(null);
  #session = $state.raw<AnnotationSessionRow | null>(null);
  #items = $state.raw<PresentedItem[]>([]);
  #drafts = $state<Record<string, Draft>>({});
  #position = $state(0);
  #error = $state<string | null>(null);
  #ready = $state(false);
  /** Unsaved justification edits. */
  #timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Kits on this device. */
  get kits() {
    return this.#kits.current;
  }
  /** Earlier sessions on this device. */
  get sessions() {
    return this.#sessions;
  }
  /** The kit of the session. */
  get kit() {
    return this.#kit;
  }
  /** The session. */
  get session() {
    return this.#session;
  }
  /** The questions in this annotator's order. */
  get items() {
    return this.#items;
  }
  /** Answers by pair id. */
  get drafts() {
    return this.#drafts;
  }
  /** The question on screen. */
  get position() {
    return this.#position;
  }
  /** The last error, for people. */
  get error() {
    return this.#error;
  }
  /** True once loading is done. */
  get ready() {
    return this.#ready;
  }

  /**
   * `preview`: the teacher's "Preview as a student", over a store that keeps the session and
   * answers in memory (`previewStore`), so nothing the teacher answers is stored.
   */
  constructor(
    private readonly store: AnnotationSessionStore,
    readonly preview = false,
  ) {}

  /** Answered questions (with a choice). */
  get answered(): number {
    return this.#items.filter((p) => this.#drafts[p.item.pairId]?.choice).length;
  }

  /** Loads kits and sessions, and resumes the session that was active. */
  async load(): Promise<void> {
    await this.#kits.refresh();
    this.#sessions = await this.store.listSessions();
    const active = this.#sessions.find((s) => s.active);
    if (active) await this.#open(active);
    this.#ready = true;
  }

  /** Reads a kit file; validates it with zod and stores it. Returns the kit, or null with `error` set. */
  async openKitFile(file: File): Promise<AnnotationKit | null> {
    this.#error = null;
    const read = readKitFile(file.name, await file.text());
    if (!read.ok) {
      this.#error = `This kit cannot be opened: ${problemSummary(read)}.`;
      return null;
    }
    await this.store.putKit({ ...read.kit, importedAt: Date.now() });
    await this.#kits.refresh();
    return read.kit;
  }

  /**
   * Opens the kit of a kit link's query ("kit=…", see `kit-link.ts`): decompressed, read and
   * validated like a kit file, and stored. Undefined when the query holds no kit; null with
   * `error` set when the link is damaged.
   */
  async openKitLink(query: string): Promise<AnnotationKit | null | undefined> {
    const packed = kitLinkPayload(query);
    if (packed === undefined) return undefined;
    this.#error = null;
    let text: string | Error;
    try {
      text = packed instanceof Error ? packed : await inflateText(packed);
    } catch {
      text = new Error('the link is cut short or damaged (its kit does not decompress)');
    }
    const read = typeof text === 'string' ? readKitFile('the link', text) : null;
    if (!read?.ok) {
      const why = read ? problemSummary(read) : (text as Error).message;
      this.#error = `This kit link cannot be opened: ${why}. Ask your teacher for the link again, or for the kit file.`;
      return null;
    }
    await this.store.putKit({ ...read.kit, importedAt: Date.now() });
    await this.#kits.refresh();
    return read.kit;
  }

  /** Starts (or resumes) the session of this kit, persona and name. */
  async start(kitId: string, personaId: string, annotator: string): Promise<void> {
    const name = annotator.trim();
    if (!name) {
      this.#error = 'Type your name (or the code your teacher gave you) first.';
      return;
    }
    const id = sessionId(kitId, personaId, name);
    const existing = await this.store.getSession(id);
    const row: AnnotationSessionRow = existing
      ? { ...existing, active: true, updatedAt: Date.now() }
      : {
          id,
          kitId,
          annotator: name,
          personaId,
          startedAt: new Date().toISOString(),
          position: 0,
          instructionsRead: false,
          active: true,
          updatedAt: Date.now(),
        };
    await this.store.putSession(row);
    await this.#open(row);
  }

  async #open(row: AnnotationSessionRow): Promise<void> {
    const kit = await this.store.getKit(row.kitId);
    if (!kit) {
      this.#error = 'The kit of that session is no longer on this device; open the kit file again.';
      return;
    }
    this.#kit = kit;
    this.#items = presentation(kit, row.personaId, row.annotator);
    const drafts: Record<string, Draft> = {};
    for (const a of await this.store.answers(row.id)) drafts[a.pairId] = { choice: a.choice, justification: a.justification };
    this.#drafts = drafts;
    this.#position = Math.min(row.position, Math.max(0, this.#items.length - 1));
    this.#session = row;
  }

  /** Marks the instructions as read. */
  async acknowledge(): Promise<void> {
    if (!this.#session) return;
    this.#session = { ...this.#session, instructionsRead: true, updatedAt: Date.now() };
    await this.store.putSession(this.#session);
  }

  /** Shows the instructions again. */
  showInstructions(): void {
    if (this.#session) this.#session = { ...this.#session, instructionsRead: false };
  }

  #draft(pairId: string): Draft {
    return (this.#drafts[pairId] ??= { choice: null, justification: '' });
  }

  async #save(pairId: string): Promise<void> {
    const s = this.#session;
    const p = this.#items.find((x) => x.item.pairId === pairId);
    if (!s || !p) return;
    const d = this.#draft(pairId);
    try {
      await this.store.saveAnswer(
        {
          sessionId: s.id,
          pairId,
          choice: d.choice,
          shownFirst: p.shownFirst,
          justification: d.justification,
          answeredAt: new Date().toISOString(),
        },
        this.#position,
        Date.now(),
      );
    } catch (e) {
      this.#error = `Could not save your answer on this device: ${e instanceof Error ? e.message : String(e)}. Export your answers now so nothing is lost.`;
    }
  }

  /** Chooses the response shown at `slot` (1 = first, 2 = second) for the current question; saved at once. */
  async choose(slot: 1 | 2): Promise<void> {
    const p = this.#items[this.#position];
    if (!p) return;
    const first = p.shownFirst,
      second = first === 'a' ? 'b' : 'a';
    this.#draft(p.item.pairId).choice = slot === 1 ? first : second;
    await this.#save(p.item.pairId);
  }

  /** Updates the justification; saved after a short pause in typing (and on leaving the question). */
  setJustification(text: string): void {
    const p = this.#items[this.#position];
    if (!p) return;
    const id = p.item.pairId;
    this.#draft(id).justification = text;
    clearTimeout(this.#timers.get(id));
    this.#timers.set(
      id,
      setTimeout(() => void this.#flush(id), SAVE_DELAY_MS),
    );
  }

  async #flush(id: string): Promise<void> {
    const t = this.#timers.get(id);
    if (t === undefined) return;
    clearTimeout(t);
    this.#timers.delete(id);
    await this.#save(id);
  }

  /** Moves to question `i` (saving pending typing first). */
  async goTo(i: number): Promise<void> {
    if (!this.#session || i < 0 || i >= this.#items.length) return;
    await Promise.all([...this.#timers.keys()].map((id) => this.#flush(id)));
    this.#position = i;
    await this.store.setPosition(this.#session.id, i, Date.now());
  }

  /** Next question. */
  next(): Promise<void> {
    return this.goTo(this.#position + 1);
  }

  /** Previous question. */
  prev(): Promise<void> {
    return this.goTo(this.#position - 1);
  }

  /** Leaves the session (it stays on the device and can be resumed). */
  async leave(): Promise<void> {
    await Promise.all([...this.#timers.keys()].map((id) => this.#flush(id)));
    if (this.#session) await this.store.putSession({ ...this.#session, active: false, updatedAt: Date.now() });
    this.#session = null;
    this.#kit = null;
    this.#items = [];
    this.#drafts = {};
    this.#sessions = await this.store.listSessions();
  }

  /** The answers file to hand to the teacher (answered questions only), with its suggested name. */
  async exportFile(): Promise<{ name: string; text: string }> {
    await Promise.all([...this.#timers.keys()].map((id) => this.#flush(id)));
    const s = this.#session,
      kit = this.#kit;
    if (!s || !kit) throw new Error('No session is open.');
    const rows = await this.store.answers(s.id);
    const file: AnswersFile = {
      format: ANSWERS_FORMAT,
      version: 1,
      kitId: kit.id,
      kitTitle: kit.title,
      annotator: s.annotator,
      personaId: s.personaId,
      startedAt: s.startedAt,
      exportedAt: new Date().toISOString(),
      answers: rows.flatMap((a) =>
        a.choice
          ? [{ pairId: a.pairId, choice: a.choice, shownFirst: a.shownFirst, justification: a.justification, answeredAt: a.answeredAt }]
          : [],
      ),
    };
    const safe = (x: string) => x.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '') || 'annotator';
    return { name: `annotations-${safe(s.annotator)}-${safe(s.personaId)}.json`, text: JSON.stringify(file, null, 2) };
  }
}
