/**
 * PERSONA Appendix D, "Annotation Instructions", as shown to every annotator before the first
 * question. The text is the paper's, with two typos mended ("prefernece", "You must each
 * question"). Item 4 speaks of a bonus, as the paper's Prolific study paid one; a teacher can
 * replace the whole text in the kit.
 */

/** The title line. */
export const INSTRUCTIONS_TITLE = 'Welcome to the Persona Annotation Task!';

/** The introduction. */
export const INSTRUCTIONS_INTRO =
  'In this task, you will be asked to role-play as a specific persona and answer a series of preference questions.';

/** The five numbered instructions: a heading and its text. */
export const INSTRUCTION_ITEMS: readonly { readonly heading: string; readonly text: string }[] = [
  {
    heading: 'Task Explanation',
    text: 'We will provide you with a set of descriptors of a particular person. This person may or may not actually exist. Your job is to put yourself into the mindset of a person with those attributes.',
  },
  {
    heading: 'Instruction following',
    text: 'You will be presented with a hypothetical question that a person could ask. Your job is to select the answer that a person with the attributes that you are impersonating would prefer.',
  },
  {
    heading: 'Explain your reasoning',
    text: 'Justify your choice. It is ok to change your choice while thinking through your justification. In the textbox provided below the preference selection, go into detail about why you think your choice is correct. If there is no clear choice, pick the one that is most likely, just still attempt to justify your selection.',
  },
  { heading: 'Provide good reasoning', text: 'The better your reasoning, the bigger your bonus will be.' },
  {
    heading: 'ChatGPT (or other chatbots) are NOT allowed',
    text: 'Any use of ChatGPT for soliciting preferences or reasoning will result in disqualification.',
  },
];

/** The closing lines. */
export const INSTRUCTIONS_OUTRO = [
  'You must answer each question based on how you think the given persona would respond, not based on your personal preferences.',
  'Thank you for participating!',
] as const;

/** The whole text as plain text (for kits and exports). */
export function instructionsText(): string {
  return [
    INSTRUCTIONS_TITLE,
    INSTRUCTIONS_INTRO,
    ...INSTRUCTION_ITEMS.map((it, i) => `${i + 1}. ${it.heading}: ${it.text}`),
    ...INSTRUCTIONS_OUTRO,
  ].join('\n');
}

/**
 * The classroom default: the same task in short, plain words, without the paid study's bonus and
 * disqualification. A teacher may edit it; the paper's wording is `instructionsText()`.
 */
export const CLASSROOM_INSTRUCTIONS = [
  'You will play a person described by a few facts (age, job, where they live, …). They may or may not exist.',
  'For each question, read the two answers and choose the one this person would prefer, not the one you prefer.',
  'Then write a sentence or two on why. If neither is clearly better, pick the more likely one and say why.',
  'Please answer on your own, without asking a chatbot.',
  'When you are done, export your answers and hand the file to your teacher.',
].join('\n');

/** Whether a kit's instructions are the paper's paid-study wording (shown with its numbered headings). */
export function isPaperInstructions(text: string): boolean {
  return text === instructionsText();
}
