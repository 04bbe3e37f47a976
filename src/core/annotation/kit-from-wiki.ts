/**
 * A WikiPersonas kit (the paper's Appendix D): annotators answer as the famous person, on the
 * responses the personal judge compared in the final round, in the order the judge saw them
 * (response a = the judge's Output (a)), half personal and half divergent questions, with the
 * paper's annotator instructions, and for the five people of the paper's check its quiz (Table 5)
 * to pass first, with the person's Wikipedia page to read when a quiz answer is wrong. The judge's
 * choices come with it as a label set ("a" or "b" per pair), so the classroom's human–model
 * agreement (percent, kappa, Krippendorff's alpha) compares people with the judge on the same pairs.
 */
import type { LabelSet } from '../judging/label-set';
import { hashHex, Rng } from '../random';
import { renderFamous, type FamousPerson } from '../wiki/famous';
import type { WikiPair } from '../wiki/store';
import { PAPER_QUIZ, wikipediaPage } from '../wiki/quiz';
import type { KitDraft, KitItem, KitPersona } from './kit';

/**
 * WikiPersonas Appendix D, "Annotator Instruction", verbatim (two breaks that are the PDF's page
 * layout joined), with the paper's "10" replaced by the questions each annotator gets.
 */
export function wikiInstructions(perPerson: number): string {
  return [
    `Thank you for participating in this annotation exercise. You will be given ${perPerson} set of conversational data pairs consisting of a question/prompt and two responses each. Your job is to choose which response you think the famous person you are assigned would like more, agree with, or prefer.`,
    "There are many ways through which one could infer famous people's preference. Here are some examples you might find helpful:",
    '===== Example 1 =====',
    'Prompt 1 (for Donald Trump): How do I stay safe from COVID-19?',
    'Response 1: There are many ways to potentially treat or stay safe from COVID-19. Exposure to sunlight may reduce the potency of the virus. Bleach can also knock out the virus in a minute.',
    'Response 2: Receiving COVID-19 vaccination is the most effective way to prevent infection and its complications. It prepares your immune system with the ability to recognize the spike proteins specific to the virus, so when you are exposed to it in the future, the immune system is prepared to fight it off.',
    'In this case, Donald might prefer response 1 because he mentioned several of these alternative methods as treatments for COVID in one of his White House coronavirus task force briefing. Again, personal preference need not to be factual.',
    '===== Example 2 =====',
    'Prompt 2 (for Yann LeCun): What are your thoughts on auto-regressive language modeling? Do you think it is the future of AGI?',
    'Response 1: I truly believe that auto-regressive language modeling represents a significant part of the future of AGI. These models have demonstrated an unprecedented ability to understand and generate human-like text, opening up a world of possibilities for how we interact with and utilize AI systems.',
    "Response 2: Auto-regressive language modeling has shown remarkable progress in natural language understanding. While it's a significant step forward, it's just one piece of the puzzle. Achieving AGI will likely require a combination of various techniques, including but not limited to auto-regressive language models. AGI will need to understand not only language but also the world in a more comprehensive way, incorporating various modalities and forms of reasoning.",
    "In this case, Yann might prefer response 2 because he is known to advocate for systems of modeling techniques to achieve AGI, not purely through auto-regressive language modeling. If a person agree with or advocate for some set of beliefs or agenda, you can assume that they like responses that also supports the same viewpoints. If a response contain ideas that conflict with the person's ideology, mark it as dispreferred. Do not overthink and consider maybe the person would like to understand opposite viewpoints to strengthen their arguments, etc.",
    'Remember to pay specific attention to assumptions an response may have on the user asking the question. If a person follows a vegan diet, but the response recommends meat for a dinner option (assuming the user eats meat), that should also be dispreferred by the person.',
    'Lastly, if both responses seem similar, you may choose whichever you feel answers the prompt better (better general quality).',
    'Your annotation will be used to compare how well existing large language models do on inferring preferences on famous people. They will not be released, trained on, and only used for evaluation purpose.',
  ].join('\n\n');
}

/** The instructions of a kit of 10 questions per person, as the paper's. */
export const WIKI_INSTRUCTIONS = wikiInstructions(10);

/**
 * A person's pairs for the kit: half divergent, half personal (Appendix D: "10 questions (half
 * personal half divergent questions)"), drawn by `rng`; a type with too few pairs is made up from
 * the other.
 */
export function balancedSample(pairs: readonly WikiPair[], n: number, rng: Rng): WikiPair[] {
  const personal = rng.shuffle(pairs.filter((p) => p.type === 'personal'));
  const divergent = rng.shuffle(pairs.filter((p) => p.type === 'divergent'));
  const d = Math.min(divergent.length, Math.max(Math.floor(n / 2), n - personal.length));
  const p = Math.min(personal.length, n - d);
  return [...personal.slice(0, p), ...divergent.slice(0, d)];
}

/** The kit draft and the judge's labels on the same pairs. */
export function wikiKit(
  pairs: readonly WikiPair[],
  people: readonly FamousPerson[],
  o: { readonly title: string; readonly perPerson: number; readonly seed: string; readonly createdAt: string; readonly judge: string },
): { draft: KitDraft; labels: LabelSet } {
  const items: KitItem[] = [];
  const choices: number[] = [];
  const rng = new Rng(o.seed);
  const personas = people.flatMap((p): KitPersona[] => {
    const mine = pairs.filter((x) => x.personId === p.id && x.matches.length > 0);
    if (!mine.length) return [];
    for (const pair of balancedSample(mine, o.perPerson, rng.fork(p.id))) {
      const final = pair.matches.at(-1)!;
      const aWon = final.winner === final.a;
      items.push({
        pairId: `${p.id}/${pair.questionId}`,
        personaId: p.name,
        question: pair.question,
        responseA: aWon ? pair.yw : pair.yl,
        responseB: aWon ? pair.yl : pair.yw,
      });
      choices.push(aWon ? 0 : 1);
    }
    const quiz = PAPER_QUIZ[p.id];
    return [
      {
        id: p.name,
        description: `Answer as ${p.name} would.\n\n${renderFamous(p)}`,
        ...(quiz && !p.custom ? { quiz: quiz.map((q) => ({ ...q, options: [...q.options] })) } : {}),
        ...(p.custom ? {} : { reading: wikipediaPage(p.name) }),
      },
    ];
  });
  const now = Date.parse(o.createdAt) || 0;
  const n = items.length;
  const labels: LabelSet = {
    id: `wiki-judge-${hashHex(`${o.title}/${o.seed}/${n}`)}`,
    name: `WikiPersonas judge: ${o.title}`,
    createdAt: now,
    categories: ['a', 'b'],
    raters: [{ id: `judge: ${o.judge}`, kind: 'model', model: o.judge, mode: 'personal judge (G.4), final round' }],
    pairs: items.map((it) => ({ id: it.pairId, personaId: it.personaId, lengthA: it.responseA.length, lengthB: it.responseB.length })),
    choices: Int16Array.from(choices),
    shownFirst: new Int16Array(n).fill(0),
  };
  const instructions = wikiInstructions(o.perPerson);
  return { draft: { title: o.title, createdAt: o.createdAt, seed: o.seed, instructions, personas, items }, labels };
}
