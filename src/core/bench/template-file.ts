/**
 * A user's own prompt for a method, the critic or the subtlety judge, read from a JSON file:
 * `{"system"?: "…", "user": "…", "output"?: "json" | "text", "id"?: "…"}`. Placeholders are
 * `{persona}`, `{question}` and (critic and judge) `{answer}`; persona-bench's names `{prompt}` and
 * `{demographic}` are accepted too, so its own templates can be dropped in. Other braces (JSON
 * examples) stay as written. Problems name the file and the field.
 */
import type { PromptTemplate } from '../pipeline/templates';
import { showsPersona, type BenchMethod, type MethodTemplate } from './methods';

/** What a template file is for. */
export type TemplateRole = BenchMethod | 'critic' | 'subtlety';

/** Placeholder names a role may use (aliases included), and those it must use. */
const NAMES: Readonly<Record<'method' | 'judge', { allowed: readonly string[]; required: readonly (readonly string[])[] }>> = {
  method: { allowed: ['persona', 'demographic', 'question', 'prompt'], required: [['question', 'prompt']] },
  judge: {
    allowed: ['persona', 'demographic', 'question', 'prompt', 'answer'],
    required: [['persona', 'demographic'], ['question', 'prompt'], ['answer']],
  },
};

/** A template file that cannot be used. */
class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';
}

/** The placeholder values every bench template is filled with (aliases included). */
export function templateValues(v: {
  readonly persona?: string;
  readonly question: string;
  readonly answer?: string;
}): Record<string, string> {
  return {
    question: v.question,
    prompt: v.question,
    ...(v.persona !== undefined ? { persona: v.persona, demographic: v.persona } : {}),
    ...(v.answer !== undefined ? { answer: v.answer } : {}),
  };
}

/** Reads a template file for `role`. Throws a `TemplateFileError` naming the file and what is wrong. */
export function readTemplateFile(text: string, file: string, role: TemplateRole): PromptTemplate & { readonly output?: 'text' | 'json' } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new TemplateFileError(`${file}: not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateFileError(`${file}: expected an object such as {"system": "…", "user": "{question}"}.`);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['system', 'user', 'output', 'id'].includes(k))
      throw new TemplateFileError(`${file}: unknown field "${k}" (fields: system, user, output, id).`);
  if (typeof o.user !== 'string' || !o.user.trim()) throw new TemplateFileError(`${file}: field "user" must be a non-empty string.`);
  if (o.system !== undefined && typeof o.system !== 'string') throw new TemplateFileError(`${file}: field "system" must be a string.`);
  if (o.output !== undefined && o.output !== 'json' && o.output !== 'text')
    throw new TemplateFileError(`${file}: field "output" must be "json" or "text".`);
  if (o.id !== undefined && (typeof o.id !== 'string' || !/^[\w.-]{1,60}$/.test(o.id)))
    throw new TemplateFileError(`${file}: field "id" must be 1–60 letters, digits, ".", "-" or "_".`);
  const system = typeof o.system === 'string' ? o.system : undefined;
  const whole = `${system ?? ''}\n${o.user}`;
  const spec = role === 'critic' || role === 'subtlety' ? NAMES.judge : NAMES.method;
  const used = [...whole.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string).filter((n) => spec.allowed.includes(n));
  for (const group of spec.required)
    if (!group.some((n) => used.includes(n))) throw new TemplateFileError(`${file}: the template never uses {${group[0]}}.`);
  const persona = used.includes('persona') || used.includes('demographic');
  if (role === 'baseline' && persona) throw new TemplateFileError(`${file}: the baseline must not show the persona ({persona} is used).`);
  if (role !== 'baseline' && role !== 'critic' && role !== 'subtlety' && showsPersona(role) && !persona)
    throw new TemplateFileError(`${file}: the ${role} method shows the persona, but the template never uses {persona}.`);
  const template: PromptTemplate = {
    id: typeof o.id === 'string' ? o.id : `bench-${role}-custom`,
    source: `user file ${file}`,
    ...(system !== undefined ? { system } : {}),
    user: o.user,
    placeholders: [...new Set(used)],
  };
  if (role === 'critic' || role === 'subtlety') return template;
  const output = (o.output as 'json' | 'text' | undefined) ?? (/answer_to_question/.test(whole) ? 'json' : 'text');
  return { ...template, output };
}

/** A method template from a template file (see `readTemplateFile`). */
export function methodTemplateFromFile(text: string, file: string, method: BenchMethod): MethodTemplate {
  const { output, ...template } = readTemplateFile(text, file, method);
  return { method, template, output: output ?? 'text' };
}
