/**
 * The role-play prompt: a persona (the paper's attribute lines, or free text a person pasted)
 * becomes the system message, and the conversation follows it. The template is a named constant
 * with a named placeholder, filled by the pipeline's one template mechanism (`fill`: one pass, so a
 * persona holding "$&" or "{persona}" stays as written); its id changes whenever its text does, and
 * every conversation stores it.
 */
import type { ChatMessage } from '../llm/types';
import { fill } from '../pipeline/templates';
import type { Persona } from '../personas/schema';
import { renderPersona } from '../personas/render';

/** The chat's role-play template: one text with `{name}` placeholders (the pipeline's `PromptTemplate` has messages). */
export interface RoleplayTemplate {
  /** Stable id; a new text gets a new id. */
  readonly id: string;
  /** The text, with placeholders such as `{persona}`. */
  readonly text: string;
}

/** The role-play system prompt. */
export const ROLEPLAY_TEMPLATE: RoleplayTemplate = {
  id: 'roleplay-v1',
  text: [
    'You are role-playing the person described below. Stay in character for the whole conversation: answer as',
    'this person would, in the first person, with their background, knowledge, opinions, values and way of',
    'speaking. Where the description is silent, invent details that fit it. Do not say that you are an AI or a',
    'language model, and do not describe the persona from outside; simply be this person.',
    '',
    'The person:',
    '{persona}',
  ].join('\n'),
};

/** Replaces every `{name}` with its value. Throws when a placeholder has no value (a template bug, not user input). */
export function fillTemplate(template: RoleplayTemplate, values: Readonly<Record<string, string>>): string {
  const names = [...template.text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
  const missing = names.find((n) => values[n] === undefined);
  if (missing !== undefined) throw new Error(`Template ${template.id} needs a value for {${missing}}.`);
  return fill(template.text, values, names);
}

/** The persona as text: attribute lines for a persona record, the trimmed text for free text. */
function personaText(persona: Persona | string): string {
  return typeof persona === 'string' ? persona.trim() : renderPersona(persona);
}

/** The system message for a persona. Throws on an empty persona (nothing to role-play). */
export function personaSystemPrompt(persona: Persona | string, template: RoleplayTemplate = ROLEPLAY_TEMPLATE): string {
  const text = personaText(persona);
  if (!text) throw new Error('The persona is empty: pick an example or paste a description.');
  return fillTemplate(template, { persona: text });
}

/** The messages for the next reply: the system prompt, then the turns so far as bare role and content (empty turns left out). */
export function roleplayMessages(systemPrompt: string, turns: readonly ChatMessage[]): ChatMessage[] {
  const said = turns.filter((t) => t.role !== 'system' && t.content.trim() !== '').map((t) => ({ role: t.role, content: t.content }));
  return [{ role: 'system', content: systemPrompt }, ...said];
}
