/**
 * Answers PERSONA Bench's prompts the way a model that can personalise only when it is shown the
 * persona would: the methods that show the persona answer "for someone aged N" (except when the request
 * seed is a multiple of `failEvery`, so samples with distinct seeds differ), the baseline never can;
 * the critic passes an answer exactly when it speaks to the persona's age, and the subtlety judge flags
 * answers that name the age. Each reply format can be varied to exercise the lenient readers.
 */

/** A chat request as the responder needs it (an `LlmClient` request or an HTTP body). */
export interface BenchRequest {
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  readonly seed?: number;
}

/** Which prompt of the bench a request is. */
export type BenchCall = 'baseline' | 'persona' | 'cot' | 'summary' | 'critic' | 'subtlety';

/** The kind of a bench request, from its text. */
export function benchCallOf(r: BenchRequest): BenchCall {
  const user = r.messages.at(-1)?.content ?? '';
  const system = r.messages[0]?.role === 'system' ? r.messages[0].content : '';
  if (user.startsWith('You decide whether an answer')) return 'critic';
  if (user.startsWith('Below are a description of a person')) return 'subtlety';
  if (!system.includes('THE PERSON:')) return 'baseline';
  if (system.includes('"chain_of_thought"')) return 'cot';
  if (system.includes('"demographic_summary"')) return 'summary';
  return 'persona';
}

/** The persona's age in a prompt ("age: 45" line), or undefined. */
export function ageIn(text: string): string | undefined {
  return /^age: (\d+)$/m.exec(text)?.[1];
}

/** How the responder varies its replies. */
export interface ResponderOptions {
  /** Requests whose seed is a multiple of this answer without personalising (default 3). */
  readonly failEvery?: number;
  /** The critic's reply form: "json" (default), "prose-json" (JSON after a preamble) or "prose". */
  readonly criticStyle?: (r: BenchRequest) => 'json' | 'prose-json' | 'prose' | 'garbage';
}

/** The responder. */
export function benchResponder(o: ResponderOptions = {}): (r: BenchRequest) => string {
  const failEvery = o.failEvery ?? 3;
  return (r) => {
    const call = benchCallOf(r);
    const user = r.messages.at(-1)?.content ?? '';
    const system = r.messages[0]?.content ?? '';
    if (call === 'critic' || call === 'subtlety') {
      const answer = /\nANSWER:\n([\s\S]*?)\n\n/.exec(user)?.[1] ?? '';
      const age = ageIn(user.slice(user.indexOf('THE PERSON:')));
      const fits = age !== undefined && answer.includes(`aged ${age}`);
      if (call === 'subtlety') return JSON.stringify({ quotes_attributes: fits, quoted: fits ? [`age ${age}`] : [], reason: 'checked' });
      const style = o.criticStyle?.(r) ?? 'json';
      const json = JSON.stringify({
        chain_of_thought: 'Looked at the age.',
        personalization_critic: fits ? 'It speaks to their age.' : 'Generic.',
        helpfulness_critic: 'Helpful.',
        conclusion: fits ? 'Fine as it is.' : 'Should be tailored.',
        needs_revision: !fits,
      });
      if (style === 'prose-json') return `Sure, here is my assessment:\n\`\`\`json\n${json}\n\`\`\`\nHope this helps.`;
      if (style === 'prose')
        return fits ? 'The answer fits this person well. It does not need revision.' : 'It is generic, so the answer needs revision.';
      if (style === 'garbage') return 'I cannot assess this.';
      return json;
    }
    const question = user;
    const age = ageIn(system);
    const personal = call !== 'baseline' && age !== undefined && (r.seed ?? 1) % failEvery !== 0;
    // Each method words its answer its own way, as real models do, so no two methods share a critique.
    const answer = personal ? `For someone aged ${age}: a ${call} view on "${question}"` : `A general ${call} view on "${question}"`;
    if (call === 'cot') return JSON.stringify({ chain_of_thought: `They are ${age}.`, answer_to_question: answer });
    if (call === 'summary')
      return JSON.stringify({ demographic_summary: `A person aged ${age}, religion matters here.`, answer_to_question: answer });
    return answer;
  };
}
