/**
 * Reading a judge's verdict: the *final explicit choice*, or nothing. Servers without structured
 * output answer in prose ("Answer A is too long; this person would prefer B."), and a reader that
 * takes the first letter it sees reads that as A, an error that leans one way and biases every win
 * rate and kappa. So the reader takes, in order:
 *
 * 1. JSON anywhere in the text (the last object with a "preferred"/"choice"/"answer"/"winner"/
 *    "preference"/"verdict" key); a value that names no single answer ("both", null) is undecided.
 * 2. Otherwise the statements of a choice in the prose, each with a strength: labels ("Final
 *    answer: B", "Preferred: A", a line holding only a label, a first line "B. Because…") are
 *    strongest; then choice verbs ("I'd pick B", "would prefer A", "go with B"), negated ones read
 *    as the other answer ("I would not choose A"); then comparisons ("B is better", "A over B").
 *    Choices attributed to others ("most people would prefer A") and plain hypotheticals ("if they
 *    lived in a city they would prefer A") are not this person's choice and are skipped. The last
 *    statement of the strongest kind present is the verdict, unless an explicit "no preference",
 *    "it's a tie" or refusal comes after it.
 *
 * A text with no such statement (descriptions of the answers, "both are fine", refusals, the
 * question echoed back) is unreadable: never a guess. Labels must be capital A or B outside JSON
 * and lone labels, so the article "a" is never a choice.
 */
import { cleanOutput, jsonObjects, stripMarkdown } from './output-text';
import type { Parsed } from './parsers';

/** Which answer the judge preferred, by its label in the prompt. */
type JudgeChoice = 'A' | 'B';

/** A judge verdict. */
export interface Verdict {
  /** The preferred answer's label. */
  readonly choice: JudgeChoice;
  /** The judge's reason, when it gave one. */
  readonly reason: string;
}

const VERDICT_KEYS = ['preferred', 'choice', 'answer', 'winner', 'preference', 'verdict', 'selected', 'chosen'];

/** A JSON value as a label: "A", "b", "Answer B", "Response A", 1, 2; undefined for anything else. */
function labelOf(value: unknown): JudgeChoice | undefined {
  if (typeof value === 'number') return value === 1 ? 'A' : value === 2 ? 'B' : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value
    .trim()
    .toUpperCase()
    .replace(/^(?:ANSWER|RESPONSE|OPTION)\s*/, '')
    .replace(/[^A-Z0-9]/g, '');
  return v === 'A' || v === '1' ? 'A' : v === 'B' || v === '2' ? 'B' : undefined;
}

/** A label inside prose: "the first answer", "Answer B", "(A)", "[B]". `n` names the groups. */
function token(n: string): string {
  return (
    String.raw`(?:(?:the\s+)?(?<${n}o>first|second)\s+(?:answer|response|one|option|reply)\b` +
    String.raw`|(?:(?:answer|response|option|reply)\s+)?[[("'“‘]?(?<${n}>[AB])(?![\w-]|['’][a-z])[\])"'”’]?)`
  );
}

const VERBS = [
  String.raw`prefer(?:s|red|ring)?`,
  String.raw`cho(?:ose|oses|se|osing)`,
  String.raw`pick(?:s|ed|ing)?`,
  String.raw`select(?:s|ed|ing)?`,
  String.raw`(?:go|goes|going|went)\s+with`,
  String.raw`opt(?:s|ed)?\s+for`,
  String.raw`vote(?:s|d)?\s+for`,
  String.raw`side(?:s|d)?\s+with`,
  String.raw`lean(?:s|ed|ing)?\s+towards?`,
  String.raw`favou?r(?:s|ed)?`,
  String.raw`recommend(?:s|ed)?`,
  String.raw`(?:I|I'd|I\s+would)\s+say`,
].join('|');

const OVER = String.raw`\s*,?\s*(?:over|rather\s+than|instead\s+of|more\s+than)\s+`;
const ADVERBS = String.raw`(?:(?:much|clearly|definitely|slightly|somewhat|far|a\s+lot|a\s+bit|just|simply|probably|likely|obviously|the|a)\s+)*`;
const BETTER =
  String.raw`(?:better|preferable|preferred|best|superior|more\s+(?:suitable|appropriate|aligned|fitting|relevant|helpful|appealing|relatable|in\s+line)` +
  String.raw`|my\s+(?:choice|pick|preference|favou?rite)|(?:clear\s+)?winner|one\s+(?:I|they|he|she|this\s+person)\s+(?:would|'d)\s+(?:choose|pick|prefer))`;

/** Kinds of statements, strongest first. */
const PATTERNS: ReadonlyArray<{ readonly tier: 1 | 2 | 3; readonly re: RegExp; readonly subjectCheck: boolean }> = [
  {
    tier: 1,
    subjectCheck: true,
    re: new RegExp(
      String.raw`\b(?:final\s+(?:answer|choice|verdict|decision|pick)|(?:my\s+)?(?:answer|verdict|choice|preference|pick|vote|decision|selection)` +
        String.raw`|preferred(?:\s+(?:answer|response|option|choice))?|winner|chosen(?:\s+answer)?)\s*["'”’]?\s*` +
        String.raw`(?:(?:is|would\s+be|will\s+be)\s*:?|[:=]|\s[-–]\s)\s*(?<neg>not\s+)?${token('t')}`,
      'gi',
    ),
  },
  {
    tier: 2,
    subjectCheck: true,
    re: new RegExp(String.raw`\b(?:${VERBS})\b\s*[:\-–]?\s*${token('t')}(?:${OVER}${token('u')})?`, 'gi'),
  },
  {
    tier: 3,
    subjectCheck: false,
    re: new RegExp(
      String.raw`${token('t')}\s+(?:(?:(?:is|seems|looks|feels|sounds|was|would\s+be)(?<neg>\s+not|n['’]t)?\s+${ADVERBS}${BETTER})|wins\b` +
        String.raw`|(?:fits|suits|matches|resonates\s+with|aligns\s+with|speaks\s+to)\s+(?:[\w']+\s+){0,4}?(?:better|more|best)\b)`,
      'gi',
    ),
  },
  { tier: 3, subjectCheck: false, re: new RegExp(`${token('t')}${OVER}${token('u')}`, 'gi') },
];

/** Explicit indecision or refusal: cancels a choice stated before it. */
const UNDECIDED = new RegExp(
  [
    String.raw`\bno\s+(?:clear\s+|real\s+|strong\s+|particular\s+)?preference\b`,
    String.raw`\b(?:it['’]?s|it\s+is|that['’]?s)\s+(?:a\s+)?(?:tie|toss-?up|draw)\b`,
    String.raw`\bequally\s+(?:good|valid|acceptable|fine|preferable|appealing|likely)\b`,
    String.raw`\bprefer\s+(?:them\s+)?(?:both\s+)?equally\b`,
    String.raw`\b(?:cannot|can['’]t|can\s+not|unable\s+to|impossible\s+to)\s+(?:decide|choose|pick|say|tell)\b`,
    String.raw`\bneither\s+(?:(?:answer|response)\s+)?(?:[AB]\s+)?nor\b`,
    String.raw`\b(?:prefer|choose|pick)\s+neither\b`,
    String.raw`\bneither\s+(?:answer|response|one|option)\s+(?:is|fits|works)\b`,
    String.raw`\bprefer\s+(?:either|one\s+over\s+the\s+other)\b`,
    String.raw`\b(?:I['’]?m|I\s+am)\s+(?:sorry|unable|not\s+able)\b`,
    String.raw`\bas\s+an\s+(?:AI|artificial|language\s+model)\b`,
    String.raw`\bI\s+(?:don['’]t|do\s+not)\s+have\s+(?:personal\s+)?(?:preferences|opinions)\b`,
  ].join('|'),
  'gi',
);

/** A label used as the subject of a sentence ("A is too long"), not a choice. */
const PREDICATE =
  /^\s*(?:is|was|isn['’]t|wasn['’]t|seems|has|had|does|doesn['’]t|did|would|could|should|feels|looks|gives|provides|uses|reads|includes|contains|lacks|ignores|focuses|mentions|talks|offers|sounds|comes|goes|makes|says|tells|treats|addresses|assumes|misses|might|may|will|can|cannot|can['’]t)\b/i;
const BOTH = /^\s*(?:,\s*)?(?:or|nor|and|&|\/)\s*(?:(?:answer|response)\s+)?[AB]\b/;
const NEGATION = /\b(?:not|never)\b|n['’]t\b/i;
const OTHERS =
  /\b(?:most|many|some|other|typical|average)\s+(?:people|users|readers|persons|folks|respondents|americans)\b|\bothers\b|\b(?:someone|everyone)\s+else\b/i;
const IF_CLAUSE = /^\s*(?:if|unless)\b/i;
const REAL_IF =
  /\b(?:I|I['’]m|forced|had\s+to|have\s+to|were\s+to|asked|must|needed\s+to|in\s+(?:their|his|her|my)\s+(?:shoes|place|position)|were\s+(?:them|him|her|this\s+person))\b/i;

/** The clause before `at` (back to punctuation or a conjunction) and the sentence before it. */
function before(text: string, at: number): { clause: string; sentence: string } {
  const head = text.slice(Math.max(0, at - 160), at);
  const sentence = head.split(/[.!?\n]/).at(-1) ?? '';
  const clause =
    sentence.split(/[;,:()—–]|\s-\s|\b(?:but|however|though|although|whereas|while|so|therefore|thus|yet|since|because)\b/i).at(-1) ?? '';
  return { clause, sentence };
}

interface Statement {
  readonly at: number;
  readonly end: number;
  readonly tier: 1 | 2 | 3;
  readonly choice: JudgeChoice;
}

const other = (c: JudgeChoice): JudgeChoice => (c === 'A' ? 'B' : 'A');

/** The label a match's token group names; undefined for a lower-case letter. */
function matchLabel(g: Record<string, string | undefined>, n: string): JudgeChoice | undefined {
  const ord = g[`${n}o`];
  if (ord) return ord.toLowerCase() === 'first' ? 'A' : 'B';
  const letter = g[n];
  return letter === 'A' || letter === 'B' ? letter : undefined;
}

/** Every statement of a choice in the prose, in text order. */
function statements(text: string): Statement[] {
  const found: Statement[] = [];
  const verbRanges: Array<[number, number]> = [];
  for (const { tier, re, subjectCheck } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const g = m.groups ?? {};
      let choice = matchLabel(g, 't');
      const at = m.index;
      const end = at + m[0].length;
      if (!choice) continue;
      const rest = text.slice(end);
      if (BOTH.test(rest) || (subjectCheck && PREDICATE.test(rest))) continue;
      if (tier === 3 && verbRanges.some(([s, e]) => at >= s && at < e)) continue;
      const { clause, sentence } = before(text, at);
      if (OTHERS.test(clause)) continue;
      if (IF_CLAUSE.test(sentence) && !REAL_IF.test(sentence)) continue;
      const negated = g.neg !== undefined || (tier === 2 && NEGATION.test(clause));
      if (negated) choice = other(choice);
      if (tier === 2) verbRanges.push([at, end]);
      found.push({ at, end, tier, choice });
    }
  }
  lines(text, found);
  return found.sort((a, b) => a.at - b.at);
}

const LONE = /^[ \t]*(?:(?:final\s+)?(?:answer|response|option|choice|verdict)\s*[:-]?\s*)?[[("'“*]*([AB])[\])"'”*]*[ \t]*[.!]?[ \t]*$/gim;
const FIRST_WITH_REASON = /^\s*[[(]?([AB])[\])]?(?:[.,)]|\s+[-–—])\s+\S/;
const FIRST_ANSWER = /^\s*(?:answer|response|option)\s+([AB])\s*(?:[,.;!]|$)/i;
const LIST_ITEM = /^\s*[[(]?[AB][\])]?\s*[.,):\-–—]/;

/** Lines that are a label: a lone label anywhere, or a first line "B. Because…" / "Answer B, since…". */
function lines(text: string, into: Statement[]): void {
  for (const m of text.matchAll(LONE)) {
    const letter = (m[1] as string).toUpperCase() as JudgeChoice;
    into.push({ at: m.index, end: m.index + m[0].length, tier: 1, choice: letter });
  }
  const rows = text.split('\n').filter((l) => l.trim());
  const first = rows[0] ?? '';
  const listed = rows[1] !== undefined && LIST_ITEM.test(rows[1]);
  const m = FIRST_ANSWER.exec(first) ?? (listed ? null : FIRST_WITH_REASON.exec(first));
  const label = m?.[1];
  if (label === 'A' || label === 'B') {
    const at = text.indexOf(first);
    into.push({ at, end: at + first.length, tier: 1, choice: label });
  }
}

/** Reads a verdict from JSON: the last object with a verdict key decides (undefined when none has one). */
function fromJson(text: string): Parsed<Verdict> | undefined {
  const objects = jsonObjects(text).filter((o) => VERDICT_KEYS.some((k) => k in o.value));
  const last = objects.at(-1)?.value;
  if (!last) return undefined;
  const raw = last[VERDICT_KEYS.find((k) => k in last) as string];
  const choice = labelOf(raw);
  if (!choice) return { ok: false, error: `the JSON verdict names no single answer (${JSON.stringify(raw)})` };
  const reason = last.reason ?? last.explanation ?? last.rationale;
  return { ok: true, value: { choice, reason: typeof reason === 'string' ? reason : '' } };
}

/** Reads a judge verdict (see the module comment); unreadable when the text does not decide. */
export function parseVerdict(raw: string): Parsed<Verdict> {
  const text = stripMarkdown(cleanOutput(raw)).trim();
  if (!text) return { ok: false, error: 'empty output' };
  const json = fromJson(text);
  if (json) return json;
  const found = statements(text);
  const tier = Math.min(...found.map((s) => s.tier));
  const pick = found.filter((s) => s.tier === tier).at(-1);
  if (!pick) return { ok: false, error: 'no explicit choice of answer A or B' };
  UNDECIDED.lastIndex = 0;
  const undecided = [...text.matchAll(UNDECIDED)].some((m) => m.index >= pick.end);
  if (undecided) return { ok: false, error: 'the text chose an answer, then said it has no preference' };
  return { ok: true, value: { choice: pick.choice, reason: text.length > 300 ? `${text.slice(0, 300)}…` : text } };
}
