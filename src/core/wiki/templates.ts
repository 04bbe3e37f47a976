/**
 * The WikiPersonas prompts (Appendix G) as `PromptTemplate`s for the one call path. G.2, G.3, G.5
 * and G.6 are the paper's text; G.4's few-shot exchange (system, a user turn with two examples, the
 * assistant's two answers, a user turn with the batch) is sent as the system message and one user
 * message holding the same text in the same order, because a template has one user turn. G.3's
 * second call (a response for a category drawn from a cached chain of thought) gives the cached
 * axis, categories and the drawn category after the question, where FamousPersona continued the
 * assistant's turn. The prefixed prompts G.7–G.10 are plain text builders (`prefixedPrompt`).
 */
import type { PromptTemplate } from '../pipeline/templates';

/** G.2, personal questions (3-shot). Placeholders: name, n, axes. */
export const PERSONAL_QUESTIONS_TEMPLATE: PromptTemplate = {
  id: 'wiki-personal-questions',
  source: 'WikiPersonas Appendix G.2, prompt to sample personal questions (verbatim)',
  user:
    'Imagine you are a general-purpose AI assistant. Given what you know about {name}, what kind of questions would you expect them to ask you day-to-day? Provide {n} examples.\n\n' +
    '- Make sure the questions are creative and diverse (in terms of topic, length, specificity, etc.) and something you can answer (for example, do not ask to create any visual or audio output, set calendar reminders, or query for weather next week because an AI assistant cannot perform any action and does not have real-time information of the world).\n' +
    '- The questions do not have to be exclusively dependent on their profession, or what they are known for.\n' +
    '- We provide you with a list of categorization for you to optionally base your questions on: {axes}\n' +
    '- Questions can be broad or specific. If a question is specific, make sure it is grounded and very detailed.\n' +
    '- Do NOT generate a question they likely know the answer to (for example, a professor in quantum physics likely knows the latest trends in quantum physics research).\n' +
    '- Try to generate questions where {name} would have different preference over the response than the general public (subjective questions, questions with no single best answer, questions with answer that differs between situation and person, etc.)\n\n' +
    'Here are some example questions from some famous people:\n\n' +
    '- Melinda French Gates:\n' +
    '1. Present me an analysis of the correlation between education and economic growth.\n' +
    '2. Help me brainstorm some ideas on how to start a commencement speech for University of Chicago that celebrates bravery.\n' +
    '3. Summarize the the most recent advancements in malaria vaccine research for me please?\n\n' +
    '- Ali Wong:\n' +
    '1. What are some meditation practices for relaxation between shows?\n' +
    '2. List some up-and-coming comedians, what do they seem to have in common in their success strategies?\n' +
    '3. Can you find me some effective exercises to do post-pregnancy?\n' +
    "4. What's funny about tea cups?\n\n" +
    '- Rick Warren:\n' +
    '1. What are some different interpretations of the Book of Revelation?\n' +
    '2. How can I motivate my church community to engage more in charity work?\n' +
    '3. What are some hip words or phrases that kids use these days? Give me a couple of example usage as well.\n\n' +
    'Now, provide {n} questions that {name} might ask.',
  placeholders: ['name', 'n', 'axes'],
};

/** G.2, divergent questions for an axis. Placeholders: names, n, axis, categories. */
export const DIVERGENT_QUESTIONS_TEMPLATE: PromptTemplate = {
  id: 'wiki-divergent-questions',
  source: 'WikiPersonas Appendix G.2, prompt to sample divergent questions (verbatim)',
  user:
    'Imagine you are a general-purpose AI assistant. Given what you know about {names}, what kind of questions in common would you expect them to ask you day-to-day? Provide {n} examples.\n\n' +
    '- Note that these people chosen based on their {axis} categories: {categories}, you should base your questions around this topic, but do NOT reveal their {axis} categories, or their preferences in the questions.\n' +
    '- Focus on the questions they might ask in common, but expect different answers.\n' +
    '- Make sure the questions are creative and diverse (in terms of topic, length, specificity, etc.) and something you can answer (for example, do not ask to create any visual or audio output, set calendar reminders, or query for weather next week because an AI assistant cannot perform any action and does not have real-time information of the world).\n' +
    '- Do NOT generate questions which requires additional information from the user (for example, do NOT ask "exercise recommendaion that is suitable for me". Instead just ask "general exercise recommendataions"). Users do not assume you know these information about them.\n' +
    '- Try to generate questions where they would have different preference over the response than each other (subjective questions, questions with no single best answer, questions with answer that differs between situation, people, and sub-divisions in {axis}, etc.)\n\n' +
    'Now, provide {n} questions that {names} might ask IN COMMON.',
  placeholders: ['names', 'n', 'axis', 'categories'],
};

const COT_SYSTEM =
  'You are a helpful assistant. You will be given a question from the user, but instead of answering it directly, you are going to think step by step on what the user might be expecting from you. Individual preferences may differ along many axis (e.g., religion, political views). In this task, we define the following eleven different axis:\n\n' +
  'sports, diet, politics, religion, age, profession, geographical location, gender, sexual orientation, education level, AI professors, family marriage status.\n\n' +
  'Choose an axis from above that is the most relevant to the question being asked, then come up with a few (at most eight) categories within this axis (i.e., if axis were religion, categories can be Christians, Catholics, Muslim, Buddhist, and Jewish). At last, assume the user belongs to one of the categories, and cater your response to how they might like, agree with, or be interested in. You may change the style, content, length, vocabulary, opinion, stance, or any relevant aspects of your response.\n\n' +
  'Please respond in the following format:\n\n' +
  'Axis: {axis chosen}\n\n' +
  'Categories: {list of categories}\n\n' +
  'Chosen category: {category chosen}\n\n' +
  'Response: {specific response for the person of the category}';

/** G.3, the chain of thought for a personal question. Placeholder: instruction. */
export const COT_TEMPLATE: PromptTemplate = {
  id: 'wiki-cot',
  source: 'WikiPersonas Appendix G.3, CoT prompt to sample response (verbatim)',
  system: COT_SYSTEM,
  user: '{instruction}',
  placeholders: ['instruction'],
};

/** G.3's response for one category of a cached (or Table 7's) axis. Placeholders: instruction, axis, categories, category. */
export const COT_RESPONSE_TEMPLATE: PromptTemplate = {
  id: 'wiki-cot-response',
  source: 'WikiPersonas Appendix B.1 and G.3: a response for a category drawn from the chain of thought',
  system: COT_SYSTEM,
  user: '{instruction}\n\nAxis: {axis}\n\nCategories: {categories}\n\nChosen category: {category}\n\nResponse:',
  placeholders: ['instruction', 'axis', 'categories', 'category'],
};

const JUDGE_SYSTEM =
  "You are a helpful assistant that selects the output that best follows the instruction. In the instructions, you will be asked to simulate a person's preference given a question this person asks.\n\n" +
  'Your answer should be a JSON object with the fields "Concise explanation" and "Output (a) is better than Output (b)". "Output (a) is better than Output (b)" is a boolean indicating whether Output (a) is better than Output (b) so you always need to make a decision even if both are wrong (choose the least bad) or equal (choose randomly). "Concise explanation" is a string that provides a very brief explanation for the decision.';

const JUDGE_SHOTS =
  'I will give you two examples in a row, and you should choose the best outputs for both of them. Note that the correct answer for one has no impact on the other.\n\n' +
  "### Example 1\n\n#### Instruction 1:\n\nPlease simulate Donald Trump's preference over the answers for the questions below.\n\n### Input 1:\n\nHow do I stay safe from COVID-19?\n\n" +
  '#### Output (a) for example 1:\n\nThere are many ways to potentially treat or stay safe from COVID-19. Exposure to sunlight may reduce the potency of the virus. Bleach can also knock out the virus in a minute.\n\n' +
  '#### Output (b) for example 1:\n\nReceiving COVID-19 vaccination is the most effective way to prevent infection and its complications. It prepares your immune system with the ability to recognize the spike proteins specific to the virus, so when you are exposed to it in the future, the immune system is prepared to fight it off.\n\n' +
  "## Example 2\n\n### Instruction 2:\n\nPlease simulate Yann LeCun's preference over the answers for the questions below.\n\n### Input 2:\n\nWhat are your thoughts on auto-regressive language modeling? Do you think it is the future of AGI?\n\n" +
  "### Output (a) for example 2:\n\nI truly believe that auto-regressive language modeling represents a significant part of the future of AGI. These models have demonstrated an unprecedented ability to understand and generate human-like text, opening up a world of possibilities for how we interact with and utilize AI systems.\n\nWhile there's still much work to be done, the advancements we've seen with auto-regressive LMs are incredibly promising.\n\n" +
  "### Output (b) for example 2:\n\nAuto-regressive language modeling has shown remarkable progress in natural language understanding. While it's a significant step forward, it's just one piece of the puzzle. Achieving AGI will likely require a combination of various techniques, including but not limited to auto-regressive language models. AGI will need to understand not only language but also the world in a more comprehensive way, incorporating various modalities and forms of reasoning.\n\n" +
  '## Preferred output in JSON format for example 1-2:\n\n' +
  '### Preferred output in JSON format for example 1:\n\n```\n{\n  "Concise explanation": "Output (a) includes some of the comments President Trump mentioned in one of his White House coronavirus task force briefing, which likely represent some of his opinions.",\n  "Output (a) is better than Output (b)": true\n}\n```\n\n' +
  '### Preferred output in JSON format for example 2:\n\n```\n{\n  "Concise explanation": "Output (b) shows only moderate excitement towards autoregressive language modeling while emphasizing that AGI requires systems of techniques, similar to Yann LeCun\'s opinion on this matter. Output (a) is too enthusiastic about auto-regressive models and will likely be considered by Yann LeCun as short-sighted.",\n  "Output (a) is better than Output (b)": false\n}\n```\n\n';

/** G.4, the personal judge over a batch of comparisons. Placeholders: count, examples, range. */
export const PERSONAL_JUDGE_TEMPLATE: PromptTemplate = {
  id: 'wiki-personal-judge',
  source: 'WikiPersonas Appendix G.4 (AlpacaEval format; the few-shot turns sent in one user message)',
  system: JUDGE_SYSTEM,
  user:
    JUDGE_SHOTS +
    'Great! Now I will give you {count} examples in a row.\n\n{examples}\n\n## Preferred output in JSON format for example {range}:',
  placeholders: ['count', 'examples', 'range'],
};

/** One comparison of a judge batch. */
export interface JudgeExample {
  /** The person whose preference is simulated. */
  readonly name: string;
  /** The question. */
  readonly input: string;
  /** Output (a). */
  readonly outputA: string;
  /** Output (b). */
  readonly outputB: string;
}

/** The values of `PERSONAL_JUDGE_TEMPLATE` for a batch (examples numbered from 3, as in G.4). */
export function judgeValues(batch: readonly JudgeExample[]): Record<string, string> {
  const examples = batch.map((e, i) => {
    const n = i + 3;
    return (
      `## Example ${n}:\n\n### Instruction for example ${n}:\n\nPlease simulate ${e.name}'s preference over the answers for the questions below.\n\n` +
      `### Input for example ${n}:\n\n${e.input}\n\n### Output (a) for example ${n}:\n\n${e.outputA}\n\n### Output (b) for example ${n}:\n\n${e.outputB}`
    );
  });
  const last = batch.length + 2;
  return { count: String(batch.length), examples: examples.join('\n\n'), range: last === 3 ? '3' : `3-${last}` };
}

/** The JSON Schema of one judgement (sent for batches of one where the backend constrains output). */
export const JUDGEMENT_SCHEMA = {
  type: 'object',
  properties: {
    'Concise explanation': { type: 'string', maxLength: 600 },
    'Output (a) is better than Output (b)': { type: 'boolean' },
  },
  required: ['Concise explanation', 'Output (a) is better than Output (b)'],
  additionalProperties: false,
} as const;

/** G.5, persona inferred from a person's training pairs. Placeholder: shots (rendered by `personaShots`). */
export const PERSONA_INFERENCE_TEMPLATE: PromptTemplate = {
  id: 'wiki-persona-inference',
  source: 'WikiPersonas Appendix G.5 (verbatim; any number of shots)',
  user:
    'Given a few questions a user asks an AI assistant, and their preference over two different responses, can you infer a few things about this person?\n\n' +
    'Given your deduction, can you further guess what their online persona / preferences / personal values might be like. For example, how might they interact with a personal AI assistant? What kind of answers might they prefer? What opinions might they hold? What values do they support? Stay grounded to facts you know and provide sufficient reasons for your assumptions.\n\n' +
    '{shots}\n\n' +
    'Respond with two short paragraphs, one for user basic information, and one for preferences.',
  placeholders: ['shots'],
};

/** G.5's numbered shots. */
export function personaShots(shots: readonly { readonly x: string; readonly yw: string }[]): string {
  return shots.map((s, i) => `## User Question ${i + 1}:\n\n${s.x}\n\n### Preferred Response:\n\n${s.yw}`).join('\n\n');
}

/** G.6, persona gold from the name. Placeholder: name. */
export const PERSONA_GOLD_TEMPLATE: PromptTemplate = {
  id: 'wiki-persona-gold',
  source: 'WikiPersonas Appendix G.6 (verbatim)',
  user:
    'Given the name of a famous person, can you describe this person with a few sentences?\n\n' +
    'Given your description, can you guess what their online persona / preferences / personal values might be like. For example, how might they interact with a personal AI assistant? What kind of answers might they prefer? What opinions might they hold? What values do they support? Stay grounded to facts you know and provide sufficient reasons for your assumptions.\n\n' +
    'The person is {name}\n\n' +
    'Respond with two short paragraphs, one for user basic information, and one for preferences.',
  placeholders: ['name'],
};

/** A prompt answered as it is (the generation step's and the win rates' responses). Placeholder: prompt. */
export const PLAIN_TEMPLATE: PromptTemplate = {
  id: 'wiki-prefixed-response',
  source: 'WikiPersonas Appendix G.7–G.10: the prefixed prompt sent as the user turn',
  user: '{prompt}',
  placeholders: ['prompt'],
};

/** The generative stand-in for reward accuracy (Persona Lab's wording): the prefixed request, then A or B. Placeholders: request, answer_a, answer_b. */
export const PREFERENCE_CHOICE_TEMPLATE: PromptTemplate = {
  id: 'wiki-preference-choice',
  source: 'Persona Lab: the generative variant of Eq. 3 (the model, given the prefix, picks the answer)',
  user:
    'REQUEST:\n{request}\n\nTwo answers were written to this request.\n\nANSWER A:\n{answer_a}\n\nANSWER B:\n{answer_b}\n\n' +
    'Which answer would the person who made the request prefer? Reply with JSON only: {"preferred": "A" or "B", "reason": "one sentence"}',
  placeholders: ['request', 'answer_a', 'answer_b'],
};

/** Every WikiPersonas template, for the study's manifest. */
export const WIKI_TEMPLATES: readonly PromptTemplate[] = [
  PERSONAL_QUESTIONS_TEMPLATE,
  DIVERGENT_QUESTIONS_TEMPLATE,
  COT_TEMPLATE,
  COT_RESPONSE_TEMPLATE,
  PERSONAL_JUDGE_TEMPLATE,
  PERSONA_INFERENCE_TEMPLATE,
  PERSONA_GOLD_TEMPLATE,
  PLAIN_TEMPLATE,
  PREFERENCE_CHOICE_TEMPLATE,
];
