/**
 * Political views (party identification), written for this project. Adults get an entry of the
 * party group drawn from the cited figures (../beliefs.ts): partisans and independents who lean
 * to a party are split by Pew's 2014 shares. Entries that mention voting are kept for citizens.
 * Entries of committed partisans ("Strong Democrat", "votes in every election") go only to
 * partisans whose ideology is not the other party's: a conservative Democrat is a Democrat "who
 * sometimes disagrees with the party", never a "Strong Democrat".
 * Everyone under 18 gets "Too young to have political views", as in the paper's example.
 */
import type { PartyId } from '../figures/party';
import type { ListEntry } from './types';

export type { PartyId };

/** What people under 18 get. */
export const TOO_YOUNG = 'Too young to have political views';

/** A political-views entry with its party identification. */
export interface PoliticalEntry extends ListEntry {
  /** The party identification it expresses. */
  readonly party: PartyId;
  /** A committed partisan's entry: not for a partisan who holds the other party's ideology. */
  readonly committed?: boolean;
}

const e = (party: PartyId, text: string, citizen = false): PoliticalEntry => (citizen ? { party, text, citizen } : { party, text });
const strong = (party: PartyId, text: string, citizen = false): PoliticalEntry => ({ ...e(party, text, citizen), committed: true });

/** Every political-views entry for adults. */
export const POLITICAL_VIEWS: readonly PoliticalEntry[] = [
  e('democrat', 'Democrat'),
  strong('democrat', 'Strong Democrat'),
  e('democrat', 'Democrat, not very politically active'),
  strong('democrat', 'Registered Democrat who votes in every election', true),
  e('democrat', 'Democrat who follows local politics closely'),
  e('democrat', 'Democrat who sometimes disagrees with the party'),
  strong('democrat', 'Lifelong Democrat, like {their} parents'),
  strong('democrat', 'Democrat who volunteers for local campaigns'),
  e('democrat', 'Democrat, votes mostly in presidential elections', true),
  e('democrat', 'Democrat, mainly concerned with the economy'),
  e('leanDemocrat', 'Independent who leans Democratic'),
  e('leanDemocrat', 'Independent, usually votes for Democrats', true),
  e('leanDemocrat', 'Leans Democratic but dislikes party politics'),
  e('leanDemocrat', 'Independent, leans Democratic on most issues'),
  e('leanDemocrat', 'Unaffiliated, tends to side with Democrats'),
  e('leanDemocrat', 'Leans Democratic, follows the news occasionally'),
  e('leanDemocrat', 'Former Republican who now leans Democratic'),
  e('leanDemocrat', 'Independent who leans Democratic and values compromise'),
  e('leanDemocrat', 'Leans Democratic, rarely discusses politics'),
  e('leanDemocrat', 'Independent, leans Democratic; splits the ticket now and then', true),
  e('independent', 'Independent'),
  e('independent', 'Independent with no party preference'),
  e('independent', 'Not interested in politics'),
  e('independent', 'Independent who judges candidates one by one'),
  e('independent', 'Politically disengaged, follows little news'),
  e('independent', 'Independent, distrusts both major parties'),
  e('independent', 'No party affiliation; focused on community issues'),
  e('independent', 'Independent; supports third-party candidates at times'),
  e('independent', 'Undecided, rarely thinks about party politics'),
  e('independent', 'Independent who votes in local elections only', true),
  e('leanRepublican', 'Independent who leans Republican'),
  e('leanRepublican', 'Independent, usually votes for Republicans', true),
  e('leanRepublican', 'Leans Republican but dislikes party politics'),
  e('leanRepublican', 'Independent, leans Republican on most issues'),
  e('leanRepublican', 'Unaffiliated, tends to side with Republicans'),
  e('leanRepublican', 'Leans Republican, follows the news occasionally'),
  e('leanRepublican', 'Former Democrat who now leans Republican'),
  e('leanRepublican', 'Independent who leans Republican and values compromise'),
  e('leanRepublican', 'Leans Republican, rarely discusses politics'),
  e('leanRepublican', 'Independent, leans Republican; splits the ticket now and then', true),
  e('republican', 'Republican'),
  strong('republican', 'Strong Republican'),
  e('republican', 'Republican, not very politically active'),
  strong('republican', 'Registered Republican who votes in every election', true),
  e('republican', 'Republican who follows local politics closely'),
  e('republican', 'Republican who sometimes disagrees with the party'),
  strong('republican', 'Lifelong Republican, like {their} parents'),
  strong('republican', 'Republican who volunteers for local campaigns'),
  e('republican', 'Republican, votes mostly in presidential elections', true),
  e('republican', 'Republican, mainly concerned with the economy'),
];
