/**
 * The majority over annotators, with PERSONA's rule (§4.2.1): each persona was shown to 4
 * participants and "we took the majority answer from 3 out of 4 participants"; the fourth
 * annotator "allowed for dropping one set of annotations if needed" (footnote 2). An answer is the
 * majority when at least `minAgree` annotators gave it; by default that is a strict majority of
 * the votes cast (3 of 4, 2 of 3, 3 of 5). A 2–2 split is a tie, reported as such, never resolved
 * by a coin.
 */

/** The outcome for one item. */
export type MajorityOutcome =
  /** `votes` of the `of` annotators chose `label`, at least the threshold. */
  | { readonly status: 'majority'; readonly label: string; readonly votes: number; readonly of: number }
  /** Several labels share the highest count (2–2): `labels` in the order first seen. */
  | { readonly status: 'tie'; readonly labels: readonly string[]; readonly votes: number; readonly of: number }
  /** One label leads but below the threshold (2–1–1 of 4, or 2 of 4 with `minAgree` 3 and 2 missing). */
  | { readonly status: 'no-majority'; readonly label: string; readonly votes: number; readonly of: number }
  /** Nobody voted. */
  | { readonly status: 'no-votes' };

/** Options of the rule. */
export interface MajorityOptions {
  /** Votes the winning label needs; default ⌊votes cast / 2⌋ + 1. */
  readonly minAgree?: number;
  /** Votes that must have been cast at all for an outcome other than "no-majority"; default 1. */
  readonly minVotes?: number;
}

/** Applies the rule to one item's votes (null and undefined are missing votes). */
export function majority(votes: readonly (string | null | undefined)[], options: MajorityOptions = {}): MajorityOutcome {
  const counts = new Map<string, number>();
  let of = 0;
  for (const v of votes) {
    if (v === null || v === undefined) continue;
    of++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (of === 0) return { status: 'no-votes' };
  let best = 0;
  for (const c of counts.values()) best = Math.max(best, c);
  const leaders = [...counts].filter(([, c]) => c === best).map(([l]) => l);
  if (leaders.length > 1) return { status: 'tie', labels: leaders, votes: best, of };
  const label = leaders[0]!;
  const need = options.minAgree ?? Math.floor(of / 2) + 1;
  if (best >= need && of >= (options.minVotes ?? 1)) return { status: 'majority', label, votes: best, of };
  return { status: 'no-majority', label, votes: best, of };
}

/** How the outcomes of many items fell. */
export interface MajoritySummary {
  /** Items with a majority. */
  readonly majority: number;
  /** Items tied. */
  readonly tie: number;
  /** Items with a leader below the threshold. */
  readonly noMajority: number;
  /** Items without votes. */
  readonly noVotes: number;
}

/** Counts outcomes by status. */
export function summarise(outcomes: Iterable<MajorityOutcome>): MajoritySummary {
  let majorityCount = 0,
    tie = 0,
    noMajority = 0,
    noVotes = 0;
  for (const o of outcomes) {
    if (o.status === 'majority') majorityCount++;
    else if (o.status === 'tie') tie++;
    else if (o.status === 'no-majority') noMajority++;
    else noVotes++;
  }
  return { majority: majorityCount, tie, noMajority, noVotes };
}
