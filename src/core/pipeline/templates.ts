/**
 * The prompt templates of the pair pipeline: named constants with named `{placeholders}`, each
 * versioned by a hash of its text that every run records in its manifest and every cache key
 * carries. Changing a template's text changes its version, so no cached answer to the old text
 * is ever reused for the new one.
 *
 * The critique and revision templates are PERSONA's Appendix B prompts, kept verbatim: the paper
 * prints them as Python f-strings of adjacent literals, and the text below is what Python makes of
 * them (adjacent literals joined with no separator, which is why "INSTRUCTION.Format:" has no space
 * and "answers.  If" has two), with `{preference.meta_data['instruction']}` named `{instruction}`.
 * The base answer is the bare question (y_l ~ π(y|x)). The judge and classifier prompts were
 * written for Persona Lab; the judge follows the paper's annotation instructions (Appendix D).
 */
import { hashHex } from '../random';

/** A prompt template. */
export interface PromptTemplate {
  /** Stable name, e.g. "dpf-critique". */
  readonly id: string;
  /** Where the text comes from. */
  readonly source: string;
  /** The system message, if any (placeholders allowed). */
  readonly system?: string;
  /** The user message with `{name}` placeholders. */
  readonly user: string;
  /** Placeholder names the template needs. */
  readonly placeholders: readonly string[];
}

/** Appendix B critique prompt. Placeholders: preference (the completion y_l), persona, instruction. */
export const CRITIQUE_TEMPLATE: PromptTemplate = {
  id: 'dpf-critique',
  source: 'PERSONA Appendix B, critique prompt (verbatim)',
  user:
    "Examine the COMPLETION: '{preference}' in relation " +
    "to the DEMOGRAPHIC: '{persona}' and the INSTRUCTION: " +
    "'{instruction}'. " +
    'Put yourself in the shoes of DEMOGRAPHIC. ' +
    'The demographic prefers short answers. ' +
    ' If you give a long suggestion, they will hate it. ' +
    'Identify the ways the completion both does and does not resonate with the demographic. ' +
    'Provide a concise explanation, quoting directly from the demographic and completion to illustrate your evaluation. ' +
    'Think step by step about how you will make the response shorter or the same length before providing your evaluation and suggestions. ' +
    'Similarly, make sure that the response given is still relevant to the INSTRUCTION.' +
    'Format: EVALUATION: ... SUGGESTIONS: ... \nDONE',
  placeholders: ['preference', 'persona', 'instruction'],
};

/** Appendix B revision prompt. Placeholders: preference (y_l), instruction, critique. */
export const REVISION_TEMPLATE: PromptTemplate = {
  id: 'dpf-revision',
  source: 'PERSONA Appendix B, revision prompt (verbatim)',
  user:
    "Revise the COMPLETION: '{preference}', " +
    'with respect to INSTRUCTION: ' +
    "'{instruction}' based on the CRITIQUE: '{critique}'. " +
    'Provide a revision of the completion, do not make ANY ' +
    'references to the exact preferences or attributes ' +
    'of the demographic. ' +
    'Remain subtle and indirect in your revision. ' +
    'Make sure your response has less tokens than the original completion. ' +
    'If you make it longer you are a BAD CHATGPT. ' +
    'Format: REVISED PREFERENCE: ...\nDONE',
  placeholders: ['preference', 'instruction', 'critique'],
};

/** The base answer y_l: the question alone, no persona (the paper's proxy for a "representative" user). */
export const BASE_ANSWER_TEMPLATE: PromptTemplate = {
  id: 'base-answer',
  source: 'PERSONA §3.2: y_l ~ π(y|x), the question alone',
  user: '{instruction}',
  placeholders: ['instruction'],
};

/** The role-play judge: the persona picks the answer it prefers (Persona Lab, after Appendix D). */
export const JUDGE_TEMPLATE: PromptTemplate = {
  id: 'persona-judge',
  source: 'Persona Lab, after PERSONA Appendix D (annotation instructions)',
  system:
    'You are role-playing a specific person, described below by their attributes. This person may or may not exist. ' +
    'Put yourself into the mindset of someone with exactly these attributes and answer as they would, not as yourself.\n\n' +
    'PERSON:\n{persona}',
  user:
    'This person asked: "{instruction}"\n\n' +
    'Two answers were written.\n\n' +
    'ANSWER A:\n{answer_a}\n\n' +
    'ANSWER B:\n{answer_b}\n\n' +
    'Which answer would this person prefer? If there is no clear choice, pick the one they would most likely prefer. ' +
    'Reply with JSON only: {"preferred": "A" or "B", "reason": "one or two sentences in their voice"}',
  placeholders: ['persona', 'instruction', 'answer_a', 'answer_b'],
};

/** Zero-shot controversy classifier for prompts (the paper used GPT-4 zero-shot; this wording is ours). */
export const CONTROVERSY_TEMPLATE: PromptTemplate = {
  id: 'controversy-classifier',
  source: 'Persona Lab, after PERSONA §3.2 (zero-shot controversy filter)',
  user:
    'Would the following question, asked of many different people, draw diverse opinions that depend on their values, ' +
    'background or beliefs (rather than having one factual or generally agreed answer)?\n\n' +
    'QUESTION: "{instruction}"\n\n' +
    'Reply with JSON only: {"controversial": true or false}',
  placeholders: ['instruction'],
};

/** Topic classifier; `{topics}` is the list of topic ids with labels. */
export const TOPIC_TEMPLATE: PromptTemplate = {
  id: 'topic-classifier',
  source: 'Persona Lab',
  user:
    'Which one of these topics fits the question best?\n{topics}\n\n' +
    'QUESTION: "{instruction}"\n\n' +
    'Reply with JSON only: {"topic": "<one topic id from the list>"}',
  placeholders: ['topics', 'instruction'],
};

/** Every template, by id. */
const TEMPLATES: Readonly<Record<string, PromptTemplate>> = Object.fromEntries(
  [CRITIQUE_TEMPLATE, REVISION_TEMPLATE, BASE_ANSWER_TEMPLATE, JUDGE_TEMPLATE, CONTROVERSY_TEMPLATE, TOPIC_TEMPLATE].map((t) => [t.id, t]),
);

/** A template's version: "<id>@<16 hex digits of a hash of its text>". */
export function templateVersion(t: PromptTemplate): string {
  return `${t.id}@${hashHex(`${t.system ?? ''}\u0000${t.user}`)}`;
}

/** Every template's version, by id: recorded in each run's manifest. */
export function templateVersions(): Record<string, string> {
  return Object.fromEntries(Object.values(TEMPLATES).map((t) => [t.id, templateVersion(t)]));
}

/**
 * Fills `{name}` placeholders in one pass, so a value containing "{critique}" is never expanded
 * again. Throws when a placeholder the text uses has no value; unknown braces (JSON examples) stay.
 */
export function fill(text: string, values: Readonly<Record<string, string>>, names: readonly string[]): string {
  for (const n of names) if (text.includes(`{${n}}`) && values[n] === undefined) throw new Error(`Template value "${n}" is missing.`);
  return text.replace(/\{([a-z_]+)\}/g, (m, name: string) => (names.includes(name) && values[name] !== undefined ? values[name] : m));
}

/** The chat messages of a template with its values filled in. */
export function renderTemplate(
  t: PromptTemplate,
  values: Readonly<Record<string, string>>,
): { role: 'system' | 'user'; content: string }[] {
  const messages: { role: 'system' | 'user'; content: string }[] = [];
  if (t.system) messages.push({ role: 'system', content: fill(t.system, values, t.placeholders) });
  messages.push({ role: 'user', content: fill(t.user, values, t.placeholders) });
  return messages;
}
