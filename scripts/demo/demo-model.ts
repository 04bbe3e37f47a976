/**
 * The deterministic scripted model the demo example is made with (`scripts/make-demo.ts`): it
 * answers each of the pipeline's prompts in the format the paper's templates ask for, from the
 * prompt's own words, so the same inputs give the same example byte for byte. Two judges with
 * different habits make the agreement figures worth looking at: one reads the persona (people
 * under 30 prefer the plain answer, everyone else the one written for them), the other often just
 * takes the first answer it is shown (position bias).
 */
import { clientIdentity, type GenerateRequest, type GenerateResult, type LlmClient } from '../../src/core/llm/types';
import { hashHex } from '../../src/core/random';

/** A field of a persona rendered as text ("age: 34"). */
const field = (persona: string, key: string) => new RegExp(`^${key}: (.*)$`, 'm').exec(persona)?.[1]?.trim() ?? '';

/** A number in [0, 1) from a text. */
const unit = (text: string) => parseInt(hashHex(text).slice(0, 8), 16) / 2 ** 32;

function reply(user: string, system: string, judge: 'persona' | 'position' | undefined): string {
  if (user.startsWith('Examine the COMPLETION')) {
    const persona = /DEMOGRAPHIC: '([^]*?)' and the INSTRUCTION/.exec(user)?.[1] ?? '';
    const who = [field(persona, 'age') && `${field(persona, 'age')} years old`, field(persona, 'occupation')].filter(Boolean).join(', ');
    return `EVALUATION: The completion is sound but general; it says nothing to someone ${who || 'like this'}. SUGGESTIONS: Keep it short and speak to their own situation.\nDONE`;
  }
  if (user.startsWith('Revise the COMPLETION')) {
    const question = /with respect to INSTRUCTION: '([^]*?)' based on the CRITIQUE/.exec(user)?.[1] ?? '';
    const age = /someone (\d+) years old/.exec(user)?.[1];
    const voice = age && Number(age) < 30 ? 'Try it small first and see how it feels' : 'Start from what already works in your own life';
    return `REVISED PREFERENCE: ${voice}: on "${question.slice(0, 80)}", one clear step beats a list of options.\nDONE`;
  }
  if (user.startsWith('This person asked')) {
    const persona = /PERSON:\n([^]*)$/.exec(system)?.[1] ?? '';
    const a = /ANSWER A:\n([^]*?)\n\nANSWER B:/.exec(user)?.[1] ?? '';
    const revisionFirst = !a.startsWith('Generally speaking');
    const age = Number(field(persona, 'age'));
    let wantsRevision = !(age < 30);
    if (judge === 'position' && unit(user) < 0.55) wantsRevision = revisionFirst;
    const preferred = wantsRevision === revisionFirst ? 'A' : 'B';
    const reason = wantsRevision ? 'It speaks to how I live.' : 'The plain answer covers what I need.';
    return JSON.stringify({ preferred, reason });
  }
  // The base answer y_l: the question alone.
  return `Generally speaking, it depends on your circumstances. On "${user.slice(0, 80)}", most people weigh cost, time and what matters to them, and there is no single right answer.`;
}

/** A deterministic client: the writer (no `judge`) or one of the two judges. */
export function demoModel(model: string, judge?: 'persona' | 'position'): LlmClient {
  return {
    backend: 'demo',
    model,
    identity: clientIdentity('demo', model),
    supportsJsonSchema: false,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
      const user = request.messages.at(-1)?.content ?? '';
      const text = reply(user, system, judge);
      return {
        text,
        finishReason: 'stop',
        model,
        usage: { promptTokens: Math.ceil((system.length + user.length) / 4), completionTokens: Math.ceil(text.length / 4) },
      };
    },
  };
}
