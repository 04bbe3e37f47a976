/**
 * How raters are named in figures. A rater may have a display name (stored with its label set; the
 * raw id stays in every export); axes use the names when all are short and distinct, else codes such as "J1" (a
 * model judge), "H2" (a person), "M" (the human majority) that a legend explains, so a matrix of
 * judges named "judge 1: openai-http:stub-model · y_w first" still shows its cells.
 */
import type { RaterInfo } from '../../core/judging/label-set';
import type { MatrixRater } from '../charts/figure';

/** Names up to this many characters are used on the axes as they are. */
const SHORT_NAME = 8;

const PREFIX: Record<RaterInfo['kind'], string> = { model: 'J', human: 'H', majority: 'M', unspecified: 'R' };

/** The display name of a rater: its new name when renamed, else its id. */
export function raterName(id: string, names: Readonly<Record<string, string>>): string {
  return names[id]?.trim() || id;
}

/** Each rater's id, display name and axis label, in order. */
export function raterLabels(
  raters: readonly Pick<RaterInfo, 'id' | 'kind'>[],
  names: Readonly<Record<string, string>> = {},
): MatrixRater[] {
  const named = raters.map((r) => ({ id: r.id, name: raterName(r.id, names), kind: r.kind }));
  const distinct = new Set(named.map((r) => r.name)).size === named.length;
  if (distinct && named.every((r) => r.name.length <= SHORT_NAME)) return named.map(({ id, name }) => ({ id, name, short: name }));
  const counts: Partial<Record<RaterInfo['kind'], number>> = {};
  const majorities = named.filter((r) => r.kind === 'majority').length;
  return named.map(({ id, name, kind }) => {
    const k = (counts[kind] = (counts[kind] ?? 0) + 1);
    const short = kind === 'majority' && majorities === 1 ? 'M' : `${PREFIX[kind]}${k}`;
    return { id, name, short };
  });
}
