/**
 * A persona the chat can role-play, from any source: the built-in examples today, generated persona
 * sets later. Sources hand the chat a list of these; the chat never looks inside a source.
 */
import { personaLabel } from '../personas/label';
import type { Persona } from '../personas/schema';
import { renderPersona } from '../personas/render';

/** One choice in the persona picker. */
export interface PersonaOption {
  /** Unique across sources, e.g. "example:paper-c1". */
  readonly id: string;
  /** Short label, e.g. "Retired, 73, Philippines" (`personaLabel`). */
  readonly label: string;
  /** The group it is listed under, e.g. "Examples" or a persona set's name. */
  readonly group: string;
  /** The persona as the model sees it. */
  readonly text: string;
  /** The persona record's own id, as its set's files write it (`id` adds the source), when it has one. */
  readonly personaId?: string;
}

/** The option id of persona `personaId` in the list `listId` ("example" + "paper-c1" → "example:paper-c1"). */
export function personaOptionId(listId: string, personaId: string): string {
  return `${listId}:${personaId}`;
}

/** The option for a persona record. */
export function optionFromPersona(p: Persona, group: string, idPrefix: string): PersonaOption {
  return { id: personaOptionId(idPrefix, p.id), label: personaLabel(p), group, text: renderPersona(p), personaId: p.id };
}

/** The link that opens the chat with a persona chosen ("#/chat?persona=<option id>"). */
export function chatLink(optionId: string): string {
  return `#/chat?persona=${encodeURIComponent(optionId)}`;
}

/** The option id a chat link names, from the query part of the hash; undefined when it names none. */
export function personaFromChatQuery(query: string): string | undefined {
  return new URLSearchParams(query).get('persona')?.trim() || undefined;
}
