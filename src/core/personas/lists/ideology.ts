/**
 * Ideology, written for this project. Adults get an entry of the ideology group drawn from the
 * cited figures (../beliefs.ts); children and teenagers get a value-based outlook instead, as the
 * paper's 10-year-old example does ("Believes in fairness and kindness").
 */
import type { IdeologyGroup } from '../figures/party';
import { CHILD, INFANT, KIDS, TEEN, type ListEntry } from './types';

/** An ideology entry with its group ("youth" for people under 18). */
export interface IdeologyEntry extends ListEntry {
  /** The ideology group, or "youth". */
  readonly group: IdeologyGroup | 'youth';
  /** Names both sides' labels: only for leaners and people with no lean, never for partisans. */
  readonly nonPartisan?: boolean;
}

const c = (text: string): IdeologyEntry => ({ text, group: 'conservative' });
const m = (text: string): IdeologyEntry => ({ text, group: 'moderate' });
const l = (text: string): IdeologyEntry => ({ text, group: 'liberal' });
const u = (text: string): IdeologyEntry => ({ text, group: 'unsure' });

/** Every ideology entry. */
export const IDEOLOGIES: readonly IdeologyEntry[] = [
  c('Conservative'),
  c('Very conservative'),
  c('Fiscally and socially conservative'),
  c('Fiscally conservative, socially moderate'),
  c('Conservative, values tradition and limited government'),
  c('Conservative with a libertarian streak'),
  { text: 'Religious conservative', group: 'conservative', religious: true },
  c('Conservative on spending, pragmatic on local issues'),
  c('Conservative; strongly favors personal responsibility'),
  c('Small-government conservative'),
  c('Conservative, mostly focused on the economy'),
  c('Somewhat conservative'),
  m('Moderate'),
  m('Centrist, judges each issue on its own'),
  m('Middle of the road'),
  { ...m('Moderate, leans conservative on economics and liberal on social issues'), nonPartisan: true },
  { ...m('Moderate, leans liberal on economics and conservative on social issues'), nonPartisan: true },
  m('Pragmatic moderate who values compromise'),
  m('Moderate, mostly focused on local issues'),
  m('Independent-minded moderate'),
  m('Moderate; distrusts both extremes'),
  m('Moderate, cares most about jobs and the cost of living'),
  m('Moderate with a libertarian streak'),
  m('Somewhat moderate, open to persuasion'),
  l('Liberal'),
  l('Very liberal'),
  l('Progressive'),
  l('Liberal, values social equality'),
  l('Socially liberal, fiscally moderate'),
  l('Progressive, focused on the environment'),
  l('Liberal, mostly focused on health care and education'),
  l('Left-leaning pragmatist'),
  l('Somewhat liberal'),
  l('Liberal, values civil liberties'),
  l("Progressive with strong views on workers' rights"),
  u('Does not think of politics in left-right terms'),
  u('Unsure; has never given ideology much thought'),
  u('Not interested in ideology, cares about practical results'),
  u('Holds mixed views that fit no label'),
  u('Prefers not to describe {their} politics'),
  { text: 'Believes in fairness and kindness', group: 'youth', stages: KIDS },
  { text: 'Believes everyone deserves a turn', group: 'youth', stages: CHILD },
  { text: 'Thinks people should help each other', group: 'youth', stages: KIDS },
  { text: 'Believes in telling the truth', group: 'youth', stages: KIDS },
  { text: 'Cares about animals and nature', group: 'youth', stages: KIDS },
  { text: 'Believes rules should be fair for everyone', group: 'youth', stages: CHILD },
  { text: 'Thinks standing up for friends matters most', group: 'youth', stages: KIDS },
  { text: 'Curious about how the world works; has no politics yet', group: 'youth', stages: KIDS },
  { text: 'Starting to form views, mostly shaped by family', group: 'youth', stages: TEEN },
  { text: 'Cares about the environment and the future', group: 'youth', stages: TEEN },
  { text: 'Believes hard work should be rewarded', group: 'youth', stages: TEEN },
  { text: 'Interested in current events but undecided', group: 'youth', stages: TEEN },
  { text: 'Values fairness and individual freedom', group: 'youth', stages: TEEN },
  { text: 'Too young to hold an ideology', group: 'youth', stages: INFANT },
];
