/**
 * How often each consistency rule fires: draws the first candidate (attempt 0) of N personas from
 * the embedded census model and counts, per rule, the candidates that break it (the generator
 * redraws those), and the census sampler's own redraws by rule (the sampler redraws a census person
 * that breaks a census rule before the persona side sees it). Prints a Markdown table for
 * docs/personas.md.
 *
 * Run: npx tsx scripts/persona-rule-rates.ts [N] [seed]
 */
import { CENSUS_RULES } from '../src/core/census/index';
import { defaultCensusSource } from '../src/core/personas/census-source';
import { checkAllRules, drawCandidate, populationKey } from '../src/core/personas/generate';
import type { ModelCensusSampler } from '../src/core/census/sampler';

const n = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] ?? 'rule-rates';
const source = await defaultCensusSource();
const sampler = source.sampler({}) as ModelCensusSampler;
const population = populationKey({ seed, count: n }, source);
const fired = new Map<string, number>();
let any = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const c = drawCandidate(sampler, seed, population, i, 0);
  const rules = new Set(checkAllRules(c.attributes, c.codes, source.checkRules).map((v) => v.rule));
  if (rules.size) any++;
  for (const r of rules) fired.set(r, (fired.get(r) ?? 0) + 1);
}
const ms = performance.now() - t0;
const pct = (k: number, of: number) => `${((100 * k) / of).toFixed(3)}%`;
console.log(`${n.toLocaleString('en-US')} first drafts (seed "${seed}", all ages), ${ms.toFixed(0)} ms\n`);
console.log('| rule | first drafts that break it | share |');
console.log('| --- | --- | --- |');
for (const [rule, k] of [...fired].sort((a, b) => b[1] - a[1])) console.log(`| ${rule} | ${k.toLocaleString('en-US')} | ${pct(k, n)} |`);
console.log(`| any rule (redrawn) | ${any.toLocaleString('en-US')} | ${pct(any, n)} |\n`);
const census = sampler.stats;
console.log(
  `Census sampler: ${census.persons.toLocaleString('en-US')} persons, ${census.rejected.toLocaleString('en-US')} redrawn inside the sampler`,
);
console.log('| census rule | census draws redrawn |');
console.log('| --- | --- |');
for (const r of CENSUS_RULES) console.log(`| ${r.id} | ${(census.rejectedBy[r.id] ?? 0).toLocaleString('en-US')} |`);
