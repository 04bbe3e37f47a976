/**
 * A role-play conversation as the app keeps it, and its export as JSON and Markdown (every text
 * from a model, a person or a server made inert: no link of a reply can be followed from the file).
 */
import type { FinishReason, SamplingOptions, Usage } from '../llm/types';
import { inertMarkdown } from '../records/inert-markdown';

/** One turn. */
export interface Turn {
  /** Who speaks. */
  readonly role: 'user' | 'assistant';
  /** The text (for a stopped or failed reply, the text produced before it ended). */
  readonly content: string;
  /** When it was written, in ms since the epoch. */
  readonly at: number;
  /** For replies: why generation ended. */
  readonly finishReason?: FinishReason;
  /** For replies: token counts and speeds. */
  readonly usage?: Usage;
  /** For replies: the failure message when generation failed. */
  readonly error?: string;
  /** For replies: how many of the earliest turns were left out of the prompt so it fit the model's context window. */
  readonly contextDropped?: number;
  /** For replies: the earlier replies to the same message that Regenerate replaced, oldest first. */
  readonly variants?: readonly string[];
}

/** A conversation with one persona. */
export interface Conversation {
  /** Unique id. */
  readonly id: string;
  /** Shown in the history list: the persona label and the first question. */
  readonly title: string;
  /** Creation time, ms since the epoch. */
  readonly createdAt: number;
  /** Last change, ms since the epoch. */
  readonly updatedAt: number;
  /** Where the persona came from and how it read. */
  readonly persona: { readonly id: string; readonly label: string; readonly text: string };
  /** The role-play template's id. */
  readonly templateId: string;
  /** The system prompt sent with every turn. */
  readonly systemPrompt: string;
  /** The backend and model that answered ("webllm" / "openai-http"). */
  readonly backend: string;
  /** The model id. */
  readonly model: string;
  /** The sampling settings used. */
  readonly sampling: SamplingOptions;
  /** The turns, oldest first. */
  readonly turns: readonly Turn[];
}

/** The conversation as pretty-printed JSON (the stored record, nothing else). */
export function conversationToJson(c: Conversation): string {
  return JSON.stringify({ format: 'persona-lab-conversation', version: 1, ...c }, null, 2) + '\n';
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

/** The conversation as Markdown: persona, settings, then the turns; link syntax in any text is escaped (`inertMarkdown`). */
export function conversationToMarkdown(c: Conversation): string {
  const sampling = Object.entries(c.sampling)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? JSON.stringify(v) : String(v)}`)
    .join(', ');
  const lines = [
    `# ${inertMarkdown(c.title)}`,
    '',
    `- Model: ${inertMarkdown(c.model)} (${inertMarkdown(c.backend)})`,
    `- Sampling: ${inertMarkdown(sampling) || 'backend defaults'}`,
    `- Template: ${inertMarkdown(c.templateId)}`,
    `- Started: ${new Date(c.createdAt).toISOString()}`,
    '',
    '## Persona',
    '',
    quote(inertMarkdown(c.persona.text)),
    '',
    '## Conversation',
  ];
  for (const t of c.turns) {
    const who = t.role === 'user' ? '**You**' : '**Persona**';
    const notes = [
      t.finishReason === 'abort' ? 'stopped' : t.finishReason === 'length' ? 'cut at the token limit' : '',
      t.error ? `failed: ${inertMarkdown(t.error)}` : '',
      rate(t.usage?.decodeTokensPerSecond) ?? '',
      t.contextDropped ? `answered without the first ${t.contextDropped} messages, which no longer fit the context window` : '',
    ].filter(Boolean);
    lines.push('', `${who}${notes.length ? ` _(${notes.join('; ')})_` : ''}`, '', inertMarkdown(t.content));
  }
  return lines.join('\n') + '\n';
}

/** A speed as "21.4 tokens/s", or undefined when it is missing or not a finite positive number. */
export function rate(tokensPerSecond: number | undefined): string | undefined {
  return tokensPerSecond !== undefined && Number.isFinite(tokensPerSecond) && tokensPerSecond > 0
    ? `${tokensPerSecond.toFixed(1)} tokens/s`
    : undefined;
}

/** A file name for an export: the title's words, safe for every file system. */
export function exportFileName(c: Conversation, extension: 'json' | 'md'): string {
  const slug =
    c.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'conversation';
  return `${slug}.${extension}`;
}
