/**
 * Replies of a scripted model to the WikiPersonas prompts, for unit tests, the CLI test server and
 * (as `WIKI_ENGINE_RULES`, plain data) the scripted web-llm engine. Deterministic: the reply is a
 * function of the messages. The judge prefers the longer output; answers vary with a hash of the
 * request so the diversity filter has something to separate.
 */

/** A small deterministic hash of a text. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const TOPICS = ['budget', 'family dinner', 'garden', 'speech', 'travel plan', 'workout', 'reading list', 'charity', 'interview', 'podcast'];
const STYLES = [
  'Here is a short, practical answer with three steps.',
  'Let me walk through the history first, then give a detailed recommendation with examples and caveats for different situations.',
  'In brief: it depends on your values; here are the trade-offs.',
  'A warm, story-driven answer that starts with an anecdote and ends with encouragement to act today.',
  'Numbers first: costs, timelines and a checklist you can follow.',
];

/** The reply to a chat request (`seed`, the request's, varies the answers as sampling would), or undefined when the request is not a WikiPersonas prompt. */
export function wikiReply(messages: readonly { readonly role: string; readonly content: string }[], seed = 0): string | undefined {
  const text = messages.map((m) => m.content).join('\n\n');
  const user = messages.at(-1)?.content ?? '';
  const h = hash(`${seed}\u0000${text}`);
  const personal =
    /Given what you know about (.+?), what kind of questions would you expect them to ask you day-to-day\? Provide (\d+)/.exec(text);
  if (personal) {
    const n = Number(personal[2]);
    return Array.from(
      { length: n },
      (_, i) => `${i + 1}. How would ${personal[1]} plan a ${TOPICS[(h + i) % TOPICS.length]} number ${(h % 97) + i}?`,
    ).join('\n');
  }
  const divergent =
    /Given what you know about (.+?), what kind of questions in common would you expect them to ask you day-to-day\? Provide (\d+)/.exec(
      text,
    );
  if (divergent) {
    const n = Number(divergent[2]);
    return `Here are some questions:\n${Array.from({ length: n }, (_, i) => `${i + 1}. What is a good ${TOPICS[(h + 3 * i) % TOPICS.length]} idea, variant ${(h % 89) + i}?`).join('\n')}`;
  }
  if (/Now I will give you (\d+) examples in a row/.test(text)) {
    const n = Number(/Now I will give you (\d+) examples in a row/.exec(text)![1]);
    const blocks: string[] = [];
    for (let k = 3; k < 3 + n; k++) {
      const a = new RegExp(
        `### Output \\(a\\) for example ${k}:\\n\\n([\\s\\S]*?)\\n\\n### Output \\(b\\) for example ${k}:\\n\\n([\\s\\S]*?)(?:\\n\\n## Example|\\n\\n## Preferred|$)`,
      ).exec(user);
      const better = a ? a[1]!.length >= a[2]!.length : true;
      blocks.push(
        `### Preferred output in JSON format for example ${k}:\n\`\`\`\n{"Concise explanation": "The ${better ? 'first' : 'second'} output fits this person.", "Output (a) is better than Output (b)": ${better}}\n\`\`\``,
      );
    }
    return blocks.join('\n\n');
  }
  if (/Response:$/.test(user.trim()))
    return `Response: ${STYLES[h % STYLES.length]} (${TOPICS[Math.floor(h / 7) % TOPICS.length]}, take ${h % 1000003}.)`;
  if (/think step by step on what the user might be expecting/.test(text))
    return `Axis: politics\n\nCategories: Liberal, Conservative, Libertarian\n\nChosen category: Liberal\n\nResponse: A first answer.`;
  if (/can you infer a few things about this person/.test(text))
    return `The user seems to plan ${TOPICS[h % TOPICS.length]}s and care about family.\n\nThey prefer detailed, practical answers and value honesty.`;
  if (/Given the name of a famous person/.test(text)) {
    const name = /The person is (.+)/.exec(text)?.[1] ?? 'someone';
    return `${name} is a famous person who cares about family and planning.\n\nThey prefer detailed, practical answers and value honesty and hard work.`;
  }
  if (/Which answer would the person who made the request prefer/.test(text)) {
    const a = /ANSWER A:\n([\s\S]*?)\n\nANSWER B:/.exec(user)?.[1] ?? '';
    const b = /ANSWER B:\n([\s\S]*?)\n\nWhich answer/.exec(user)?.[1] ?? '';
    return JSON.stringify({ preferred: a.length >= b.length ? 'A' : 'B', reason: 'It fits the request.' });
  }
  return undefined;
}

/** Any other request (a prefixed prompt): a short answer that varies with the request. */
export function plainReply(messages: readonly { readonly content: string }[]): string {
  const h = hash(messages.map((m) => m.content).join('\n'));
  return `${STYLES[h % STYLES.length]} Answer ${h % 1000}.`;
}

/** The scripted web-llm engine's rules for the same prompts (plain data: regex sources and replies). */
export const WIKI_ENGINE_RULES = [
  {
    match: 'Given what you know about (.+?), what kind of questions would you expect them',
    replies: [
      '1. How should $1 plan a family budget this year?\n2. What is a good weekend reading list for $1?\n3. How can $1 prepare a short speech for a charity gala?',
    ],
  },
  {
    match: 'what kind of questions in common would you expect',
    replies: [
      '1. What is a healthy breakfast to start the day?\n2. How should someone spend a free Sunday afternoon?\n3. What makes a good birthday gift for a friend?',
    ],
  },
  {
    match: 'Now I will give you \\d+ examples in a row',
    replies: [
      Array.from(
        { length: 5 },
        (_, i) => `{"Concise explanation": "Fits the person.", "Output (a) is better than Output (b)": ${i % 2 === 0}}`,
      ).join('\n'),
    ],
  },
  {
    // The answer names the category's first two letters only (a sentence naming the category would be cut as an artifact); the
    // replies differ in turn (and in length), so a question's candidates are distinct and the filters have something to choose.
    match: 'Chosen category: (..)[^\\n]*\\n\\nResponse:$',
    flags: 'm',
    replies: Array.from(
      { length: 400 },
      (_, i) => `Response: Option $1 number ${i}: a practical answer with ${'steps, costs and checks '.repeat(1 + (i % 4))}to follow.`,
    ),
  },
  {
    match: 'think step by step on what the user might be expecting',
    replies: ['Axis: diet\n\nCategories: Vegan, Keto, Paleo\n\nChosen category: Vegan\n\nResponse: Eat plants.'],
  },
  {
    match: 'can you infer a few things about this person',
    replies: ['The user plans carefully and cares about family.\n\nThey prefer detailed, practical answers.'],
  },
  {
    match: 'The person is (.+)',
    replies: ['$1 is a famous person who cares about family.\n\nThey prefer detailed, practical answers and value honesty.'],
  },
  {
    match: 'Which answer would the person who made the request prefer',
    replies: ['{"preferred": "A", "reason": "It fits."}', '{"preferred": "B", "reason": "It fits."}'],
  },
] as const;
