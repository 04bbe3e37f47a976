/**
 * Choosing one persona among lists that may hold 100,000 each: the lists of every source (names and
 * counts only), the shown list's personas (loaded when it is shown; the latest choice wins), a word
 * search within them, and the chosen persona as a `PersonaOption`: one of a list, a free-text
 * persona, or the persona a stored conversation kept when no list holds it any more.
 */
import { optionFromPersona, personaOptionId, type PersonaOption } from '../core/chat/persona-option';
import type { Persona } from '../core/personas/schema';
import { matchWords, searchIndex } from '../core/personas/search';
import { listPersonaLists, type PersonaList, type PersonaSource } from './persona-sources';

/** The id of the free-text persona (as a list and as a choice). */
export const FREE_TEXT = 'text';

/** Where the chosen persona was found. */
interface Found {
  readonly list: PersonaList;
  readonly persona: Persona;
}

/** The persona picker's state. */
export class PersonaChoice {
  #lists = $state.raw<readonly PersonaList[]>([]);
  #failed = $state.raw<readonly string[]>([]);
  #listed = $state(false);
  #listId = $state('');
  #personas = $state.raw<readonly Persona[]>([]);
  #loading = $state(false);
  #query = $state('');
  #selectedId = $state<string | undefined>();
  #freeText = $state('');
  #kept = $state.raw<PersonaOption | undefined>();

  /** The shown list. */
  readonly list = $derived(this.#lists.find((l) => l.id === this.#listId));
  // Built only when a search needs it (deriveds are lazy).
  readonly #index = $derived(searchIndex(this.#personas));
  /** Positions in `personas` of those matching the query, in order. */
  readonly shown = $derived.by(() => (this.#query.trim() ? matchWords(this.#index, this.#query) : this.#personas.map((_, i) => i)));
  #found = $state.raw<Found | undefined>();
  /** The chosen persona; undefined when none is chosen (or the free text is empty). */
  readonly selected = $derived.by((): PersonaOption | undefined => {
    const id = this.#selectedId;
    if (id === FREE_TEXT) {
      const text = this.#freeText.trim();
      return text ? { id: FREE_TEXT, label: 'Free-text persona', group: 'Your own', text } : undefined;
    }
    const f = this.#found;
    if (f && personaOptionId(f.list.id, f.persona.id) === id) return optionFromPersona(f.persona, f.list.label, f.list.id);
    return this.#kept?.id === id ? this.#kept : undefined;
  });

  readonly #sources: readonly PersonaSource[] | undefined;
  #loads = 0;
  #ready: Promise<void> | undefined;

  /** Every list of every source. */
  get lists() {
    return this.#lists;
  }
  /** Sources that could not be listed. */
  get failed() {
    return this.#failed;
  }
  /** True once the sources have answered. */
  get listed() {
    return this.#listed;
  }
  /** The list shown: a list id, or `FREE_TEXT`; "" before the sources answered. */
  get listId() {
    return this.#listId;
  }
  /** The shown list's personas (empty while loading and for free text). */
  get personas() {
    return this.#personas;
  }
  /** True while the shown list's personas load. */
  get loading() {
    return this.#loading;
  }
  /** Words to search for in the shown list (all must appear, in any attribute). */
  get query() {
    return this.#query;
  }
  /** Sets the search text. */
  setQuery(query: string): void {
    this.#query = query;
  }
  /** The chosen persona's option id, `FREE_TEXT`, or undefined when none is chosen. */
  get selectedId() {
    return this.#selectedId;
  }
  /** The free-text persona. */
  get freeText() {
    return this.#freeText;
  }
  /** Sets the free-text persona. */
  setFreeText(text: string): void {
    this.#freeText = text;
  }
  /** A persona a stored conversation kept, used while no list holds its id. */
  get kept() {
    return this.#kept;
  }

  /** `sources` defaults to every source of the app (`PERSONA_SOURCES`). */
  constructor(sources?: readonly PersonaSource[]) {
    this.#sources = sources;
  }

  /**
   * Lists the sources' lists once, shows the first and, unless something was chosen meanwhile,
   * chooses its first persona (or the free text when there is no list). Later calls wait for it.
   */
  ready(): Promise<void> {
    return (this.#ready ??= (async () => {
      await this.refresh();
      if (this.#listId === '') await this.show(this.#lists[0]?.id ?? FREE_TEXT);
      if (this.#selectedId === undefined) {
        if (this.list && this.#personas[0]) this.pick(0);
        else this.#selectedId = FREE_TEXT;
      }
    })());
  }

  /** Lists the sources' lists again (a set stored or deleted meanwhile). */
  async refresh(): Promise<void> {
    const r = await listPersonaLists(this.#sources);
    this.#lists = r.lists;
    this.#failed = r.failed;
    this.#listed = true;
  }

  /** Shows a list (and loads its personas), or the free text (which then becomes the choice). */
  async show(listId: string): Promise<void> {
    const load = ++this.#loads;
    this.#listId = listId;
    this.#query = '';
    this.#personas = [];
    if (listId === FREE_TEXT) {
      this.#loading = false;
      this.#selectedId = FREE_TEXT;
      return;
    }
    const list = this.#lists.find((l) => l.id === listId);
    this.#loading = true;
    const personas = list ? await list.load() : [];
    if (load !== this.#loads) return;
    this.#personas = personas;
    this.#loading = false;
  }

  /** Chooses the persona at position `i` of the shown list's personas. */
  pick(i: number): void {
    const list = this.list;
    const persona = this.#personas[i];
    if (!list || !persona) return;
    this.#found = { list, persona };
    this.#selectedId = personaOptionId(list.id, persona.id);
  }

  /**
   * Chooses a persona by option id ("set:<set id>:<persona id>"), showing its list. Resolves to
   * whether a list holds it (waits for `ready()` first).
   */
  async select(optionId: string): Promise<boolean> {
    this.#selectedId = optionId;
    if (optionId === FREE_TEXT) return this.show(FREE_TEXT).then(() => true);
    await this.ready();
    if (this.#selectedId !== optionId) return false;
    const list = this.#lists.find((l) => optionId.startsWith(`${l.id}:`));
    if (!list) return false;
    if (this.#listId !== list.id || this.#loading) await this.show(list.id);
    if (this.#selectedId !== optionId || this.#listId !== list.id) return false;
    const i = this.#personas.findIndex((p) => personaOptionId(list.id, p.id) === optionId);
    if (i < 0) return false;
    this.pick(i);
    return true;
  }

  /** Takes the persona a stored conversation was held with: its list's, else the stored text. */
  async adopt(p: { readonly id: string; readonly label: string; readonly text: string }): Promise<void> {
    if (p.id === FREE_TEXT) {
      this.#freeText = p.text;
      await this.select(FREE_TEXT);
      return;
    }
    this.#kept = { id: p.id, label: p.label, group: 'From this conversation', text: p.text };
    await this.select(p.id);
  }
}
