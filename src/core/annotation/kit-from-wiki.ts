/**
 * A WikiPersonas kit (the paper's Appendix D): annotators answer as the famous person, on the
 * responses the personal judge compared in the final round, in the order the judge saw them
 * (response a = the judge's Output (a)), with the paper's annotator instructions. The judge's
 * choices come with it as a label set ("a" or "b" per pair), so the classroom's human–model
 * agreement (percent, kappa, Krippendorff's alpha) compares people with the judge on the same pairs.
 */
import type { LabelSet } from '../judging/label-set';
import { hashHex, Rng } from '../random';
import { renderFamous, type FamousPerson } from '../wiki/famous';
import type { WikiPair } from '../wiki/store';
import type { KitDraft, KitItem } from './kit';

/** WikiPersonas Appendix D, "Annotator Instruction" (the paper's text, its two worked examples shortened to their conclusions). */
export const WIKI_INSTRUCTIONS = [
  'Thank you for participating in this annotation exercise. You will be given a set of conversational data pairs consisting of a question/prompt and two responses each. Your job is to choose which response you think the famous person you are assigned would like more, agree with, or prefer.',
  'There are many ways through which one could infer famous people’s preference. For example, Donald Trump might prefer a response on staying safe from COVID-19 that mentions the alternative treatments he named in a White House briefing (personal preference need not be factual); Yann LeCun might prefer a response saying auto-regressive language models are one piece of the puzzle of AGI, as he advocates systems of techniques. If a person agrees with or advocates some set of beliefs or agenda, you can assume that they like responses that also support the same viewpoints. If a response contains ideas that conflict with the person’s ideology, mark it as dispreferred. Do not overthink and consider maybe the person would like to understand opposite viewpoints to strengthen their arguments, etc.',
  'Remember to pay specific attention to assumptions a response may have on the user asking the question. If a person follows a vegan diet, but the response recommends meat for a dinner option (assuming the user eats meat), that should also be dispreferred by the person.',
  'Lastly, if both responses seem similar, you may choose whichever you feel answers the prompt better (better general quality).',
  'Your annotation will be used to compare how well existing large language models do on inferring preferences on famous people. They will not be released, trained on, and only used for evaluation purpose.',
].join('\n\n');

/** The kit draft and the judge's labels on the same pairs. */
export function wikiKit(
  pairs: readonly WikiPair[],
  people: readonly FamousPerson[],
  o: { readonly title: string; readonly perPerson: number; readonly seed: string; readonly createdAt: string; readonly judge: string },
): { draft: KitDraft; labels: LabelSet } {
  const items: KitItem[] = [];
  const choices: number[] = [];
  const rng = new Rng(o.seed);
  const personas = people.flatMap((p) => {
    const mine = pairs.filter((x) => x.personId === p.id && x.matches.length > 0);
    if (!mine.length) return [];
    for (const pair of rng.fork(p.id).sample(mine, o.perPerson)) {
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
    return [{ id: p.name, description: `Answer as ${p.name} would.\n\n${renderFamous(p)}` }];
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
  return { draft: { title: o.title, createdAt: o.createdAt, seed: o.seed, instructions: WIKI_INSTRUCTIONS, personas, items }, labels };
}
