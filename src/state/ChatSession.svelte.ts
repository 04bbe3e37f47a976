/**
 * The persona chat: the open conversation, the history list, sending with streaming, stop and
 * regenerate. Every change is saved, so the history survives a reload; a save that fails (a full
 * quota) is reported and the conversation stays on screen.
 */
import type { Conversation, Turn } from '../core/chat/conversation';
import { fitHistory } from '../core/chat/history-fit';
import type { PersonaOption } from '../core/chat/persona-option';
import { personaSystemPrompt, roleplayMessages, ROLEPLAY_TEMPLATE } from '../core/chat/persona-prompt';
import { LlmError } from '../core/llm/errors';
import type { LlmClient, SamplingOptions } from '../core/llm/types';
import type { ConversationStore, ConversationSummary } from '../db/conversation-store';
import { asLlmError } from './ModelManager.svelte';
import type { JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

/** What a reply needs from the page: who answers, as whom, how. */
export interface ReplyContext {
  readonly client: LlmClient;
  readonly sampling: SamplingOptions;
  /** The model's context window in tokens, when known: the oldest turns are left out so the prompt and `max_tokens` fit. */
  readonly contextWindow?: number;
}

export class ChatSession {
  #conversation = $state.raw<Conversation | undefined>();
  #history = new Stored<readonly ConversationSummary[]>(() => this.#store.list(), []);
  #streaming = $state('');
  #busy = $state(false);
  #liveRate = $state<number | undefined>();
  #dropped = $state(0);
  #error = $state.raw<LlmError | undefined>();

  /** Decode speed of the last reply, tokens per second, when known. */
  readonly lastRate = $derived.by(() => {
    const turns = this.#conversation?.turns ?? [];
    for (let i = turns.length - 1; i >= 0; i--) {
      if (turns[i]!.role !== 'assistant') continue;
      const r = turns[i]!.usage?.decodeTokensPerSecond;
      return r !== undefined && Number.isFinite(r) && r > 0 ? r : undefined;
    }
    return undefined;
  });

  readonly #store: ConversationStore;
  #controller: AbortController | undefined;

  /** The open conversation; undefined for a new one not yet started. */
  get conversation() {
    return this.#conversation;
  }
  /** Stored conversations, newest first. */
  get history() {
    return this.#history.current;
  }
  /** The reply being generated, as far as it has come. */
  get streaming() {
    return this.#streaming;
  }
  /** True while a reply is generated. */
  get busy() {
    return this.#busy;
  }
  /** Live speed of the reply being generated, pieces per second (only finite numbers). */
  get liveRate() {
    return this.#liveRate;
  }
  /** Turns left out of the prompt of the reply being generated (0 when the whole conversation fits). */
  get dropped() {
    return this.#dropped;
  }
  /** The last failure. */
  get error() {
    return this.#error;
  }

  constructor(store: ConversationStore) {
    this.#store = store;
  }

  /** Re-reads the history list. */
  async refreshHistory(): Promise<void> {
    await this.#history.refresh();
  }

  /** Opens a stored conversation. */
  async open(id: string): Promise<void> {
    if (this.#busy) this.stop();
    const c = await this.#store.get(id);
    this.#conversation = c;
    this.#error = c
      ? undefined
      : new LlmError('unknown', 'That conversation no longer exists.', { hint: 'Pick another one from the history.' });
  }

  /** Starts afresh (the open conversation stays in the history). */
  startNew(): void {
    if (this.#busy) this.stop();
    this.#conversation = undefined;
    this.#error = undefined;
  }

  /** Sends a message as the user and streams the persona's reply. */
  async send(text: string, persona: PersonaOption, ctx: ReplyContext): Promise<void> {
    const content = text.trim();
    if (!content || this.#busy) return;
    const now = Date.now();
    let c = this.#conversation;
    if (!c || c.persona.id !== persona.id || c.persona.text !== persona.text) {
      c = {
        id: crypto.randomUUID(),
        title: `${persona.label}: ${content.length > 48 ? `${content.slice(0, 47)}…` : content}`,
        createdAt: now,
        updatedAt: now,
        persona: { id: persona.id, label: persona.label, text: persona.text },
        templateId: ROLEPLAY_TEMPLATE.id,
        systemPrompt: personaSystemPrompt(persona.text),
        backend: ctx.client.backend,
        model: ctx.client.model,
        sampling: ctx.sampling,
        turns: [],
      };
    }
    // A user turn whose reply was lost (a reload while it was generated) takes the new text too: two user turns never go in a row.
    const last = c.turns.at(-1);
    const turns: Turn[] =
      last?.role === 'user'
        ? [...c.turns.slice(0, -1), { ...last, content: `${last.content}\n\n${content}`, at: now }]
        : [...c.turns, { role: 'user', content, at: now }];
    await this.#reply({ ...c, turns }, ctx);
  }

  /** Edits the user message at `index` and sends it again: the turns after it are replaced by the new reply. */
  async resend(index: number, text: string, ctx: ReplyContext): Promise<void> {
    const c = this.#conversation;
    const content = text.trim();
    const turn = c?.turns[index];
    if (!c || !content || this.#busy || turn?.role !== 'user') return;
    await this.#reply({ ...c, turns: [...c.turns.slice(0, index), { ...turn, content, at: Date.now() }] }, ctx);
  }

  /** Replaces the last reply with a new one, or answers a last message whose reply was lost to a reload. */
  async regenerate(ctx: ReplyContext): Promise<void> {
    const c = this.#conversation;
    if (!c || this.#busy) return;
    const last = c.turns.at(-1);
    const turns = last?.role === 'assistant' ? c.turns.slice(0, -1) : c.turns;
    if (turns.at(-1)?.role !== 'user') return;
    // The replaced reply is kept as a variant of the new one.
    const variants = last?.role === 'assistant' ? [...(last.variants ?? []), last.content] : [];
    await this.#reply({ ...c, turns }, ctx, variants);
  }

  /** Stops the reply being generated; the text so far is kept, marked as stopped. */
  stop(): void {
    this.#controller?.abort();
  }

  /** Renames a stored conversation (an empty title changes nothing). */
  async rename(id: string, title: string): Promise<void> {
    const name = title.trim();
    const c = this.#conversation?.id === id ? this.#conversation : await this.#store.get(id);
    if (!name || !c) return;
    const renamed = { ...c, title: name };
    if (this.#conversation?.id === id) this.#conversation = renamed;
    await this.#save(renamed);
  }

  /** Deletes a stored conversation. */
  async remove(id: string): Promise<void> {
    await this.#store.delete(id);
    if (this.#conversation?.id === id) this.#conversation = undefined;
    await this.refreshHistory();
  }

  async #reply(start: Conversation, ctx: ReplyContext, variants: readonly string[] = []): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#busy = true;
    this.#error = undefined;
    this.#streaming = '';
    this.#liveRate = undefined;
    let c: Conversation = { ...start, backend: ctx.client.backend, model: ctx.client.model, sampling: ctx.sampling, updatedAt: Date.now() };
    this.#conversation = c;
    await this.#save(c);
    const fitted = ctx.contextWindow ? fitHistory(c.systemPrompt, c.turns, ctx.contextWindow, ctx.sampling.max_tokens) : undefined;
    const messages = roleplayMessages(c.systemPrompt, fitted?.turns ?? c.turns);
    const dropped = fitted?.dropped ?? 0;
    this.#dropped = dropped;
    let pieces = 0;
    let first: number | undefined;
    let turn: Turn;
    try {
      const result = await ctx.client.generate(
        { messages, ...ctx.sampling },
        {
          signal: controller.signal,
          onDelta: (d) => {
            this.#streaming += d;
            pieces++;
            first ??= performance.now();
            const secs = (performance.now() - first) / 1000;
            if (secs > 0.25 && pieces > 1) this.#liveRate = (pieces - 1) / secs;
          },
        },
      );
      turn = {
        role: 'assistant',
        content: result.text,
        at: Date.now(),
        finishReason: result.finishReason,
        ...(result.usage ? { usage: result.usage } : {}),
        ...(dropped ? { contextDropped: dropped } : {}),
      };
    } catch (e) {
      const err = asLlmError(e);
      const partial = err.partialText ?? this.#streaming;
      const note = dropped ? { contextDropped: dropped } : {};
      if (err.kind === 'aborted') turn = { role: 'assistant', content: partial, at: Date.now(), finishReason: 'abort', ...note };
      else {
        this.#error = err;
        turn = { role: 'assistant', content: partial, at: Date.now(), finishReason: 'other', error: err.message, ...note };
      }
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
    if (variants.length) turn = { ...turn, variants };
    c = { ...c, turns: [...c.turns, turn], updatedAt: Date.now() };
    this.#conversation = c;
    this.#streaming = '';
    this.#busy = false;
    await this.#save(c);
  }

  async #save(c: Conversation): Promise<void> {
    try {
      await this.#store.put($state.snapshot(c) as Conversation);
      await this.refreshHistory();
    } catch (e) {
      const { name, message } = e instanceof Error ? e : { name: '', message: String(e) };
      const quota = /quota/i.test(`${name} ${message}`);
      this.#error = new LlmError(quota ? 'quota' : 'unknown', `The conversation could not be saved: ${message}`, {
        hint: quota
          ? 'Browser storage is full: delete cached models or old conversations, then send again.'
          : 'Export it now (JSON or Markdown) so nothing is lost.',
      });
    }
  }

  /** The reply being generated (with its Stop), for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    if (!this.busy) return [];
    const title = this.conversation?.title;
    return [
      {
        id: 'chat',
        kind: 'chat',
        label: `Chat reply${title ? ` in “${title}”` : ''}`,
        href: '#/chat',
        done: 0,
        total: 0,
        unit: 'tokens',
        stop: () => this.stop(),
      },
    ];
  }
}
