/**
 * Home-language profiles: for a country of birth (POBP) or a national-origin ancestry (ANC1P), the
 * relative chance that a household of people from there speaks each of the five PUMS household
 * language groups (HHL 1 English only, 2 Spanish, 3 other Indo-European, 4 Asian and Pacific
 * Island, 5 other languages). The procedural fills use them as likelihoods, so that the place of
 * birth and the ancestry drawn agree with the household language the network drew (a Nigerian-born
 * person lives in an English-only or "other language" household, never an "other Indo-European"
 * one). The group each country's languages fall in is the ACS classification (Haitian Creole,
 * Persian, Portuguese and the languages of India's north are Indo-European; Tamil, Telugu and
 * Malayalam, Chinese, Tagalog and Vietnamese are Asian and Pacific Island; Arabic, Hebrew, Amharic,
 * Somali, Yoruba, Turkish and Hungarian are "other"). The weights within a profile are
 * ASSUMPTIONS (no tabulation of household language by country of birth was found): they set which
 * groups fit, and roughly how often English alone is spoken; see docs/census-fills.md. A zero
 * means the group does not fit the country at all: the census rule "birth-language" refuses it.
 */

/** Weights for HHL 1-5 (English only, Spanish, other Indo-European, Asian and Pacific Island, other). */
export type LanguageProfile = readonly [en: number, es: number, ie: number, api: number, other: number];

/** The profiles by name. */
export const PROFILES = {
  english: [0.92, 0.01, 0.04, 0.01, 0.02],
  canada: [0.8, 0.01, 0.17, 0.01, 0.01],
  southAfrica: [0.7, 0, 0.25, 0, 0.05],
  spanish: [0.12, 0.86, 0.01, 0, 0.01],
  indigenousLatin: [0.05, 0.75, 0, 0, 0.2],
  europe: [0.3, 0.01, 0.66, 0.01, 0.02],
  indoEuropean: [0.12, 0, 0.85, 0.01, 0.02],
  india: [0.12, 0, 0.6, 0.26, 0.02],
  sriLanka: [0.15, 0, 0.55, 0.28, 0.02],
  asian: [0.12, 0.01, 0.02, 0.83, 0.02],
  fiji: [0.2, 0, 0.35, 0.43, 0.02],
  other: [0.15, 0.01, 0.04, 0.01, 0.79],
  israel: [0.3, 0, 0.1, 0, 0.6],
  exSoviet: [0.15, 0, 0.35, 0, 0.5],
  anglophoneAfrica: [0.45, 0, 0, 0, 0.55],
  francophoneAfrica: [0.2, 0, 0.45, 0, 0.35],
  haiti: [0.15, 0, 0.84, 0, 0.01],
  caribbeanEnglish: [0.9, 0.02, 0.06, 0, 0.02],
  belize: [0.6, 0.35, 0.02, 0, 0.03],
  /** English-speaking heritage of the US-born (American, English, African American, …): rarely another language at home. */
  heritageEnglish: [1, 0.005, 0.005, 0.002, 0.002],
  /** European heritage of the US-born (German, Italian, Polish, …). */
  heritageEurope: [1, 0.005, 0.04, 0.002, 0.005],
  /** Unknown country or ancestry. */
  unknown: [0.4, 0.15, 0.15, 0.15, 0.15],
} as const satisfies Record<string, LanguageProfile>;

/** A profile name. */
export type ProfileName = keyof typeof PROFILES;

const byCode = (groups: Partial<Record<ProfileName, readonly number[]>>): ReadonlyMap<number, ProfileName> => {
  const m = new Map<number, ProfileName>();
  for (const [name, codes] of Object.entries(groups)) for (const c of codes) m.set(c, name as ProfileName);
  return m;
};

/** Profiles by POBP country code. */
export const COUNTRY_PROFILE = byCode({
  english: [138, 139, 140, 142, 119, 501, 515, 300, 554],
  canada: [301],
  southAfrica: [449],
  caribbeanEnglish: [321, 323, 324, 328, 330, 333, 338, 339, 340, 341, 343, 344, 368],
  belize: [310],
  spanish: [134, 311, 312, 313, 314, 315, 316, 327, 329, 360, 361, 363, 364, 365, 369, 370, 372, 373, 374, 399],
  indigenousLatin: [303],
  europe: [
    100, 102, 103, 104, 105, 106, 109, 110, 116, 118, 120, 126, 127, 128, 129, 130, 132, 136, 137, 147, 148, 149, 150, 151, 152, 154, 156,
    157, 160, 162, 163, 164, 165, 166, 167, 168, 169, 362,
  ],
  indoEuropean: [158, 200, 202, 203, 212, 229, 231, 253, 408],
  india: [210],
  sriLanka: [238],
  asian: [205, 206, 207, 209, 211, 215, 217, 223, 226, 228, 233, 236, 240, 242, 247, 249, 254, 511, 512, 523, 527],
  fiji: [508],
  other: [117, 108, 213, 216, 222, 224, 235, 239, 243, 245, 248, 400, 414, 416, 417, 430, 436, 448, 451, 456, 463, 464, 469],
  israel: [214],
  exSoviet: [159, 161, 218, 219, 246],
  anglophoneAfrica: [420, 421, 427, 429, 440, 442, 447, 453, 457, 460, 461, 462, 467, 468],
  francophoneAfrica: [407, 412, 423, 425, 444, 454, 459],
  haiti: [332],
});

/** Profiles of ancestries (ANC1P) that have no country row of their own (the US-born's ancestries). */
export const ANCESTRY_PROFILE = byCode({
  heritageEnglish: [939, 940, 22, 11, 50, 88, 87, 97, 902, 903, 599, 335, 920, 919, 917, 922, 995, 997, 937],
  heritageEurope: [32, 51, 142, 26, 82, 21, 89, 195, 111, 935, 125, 20, 91, 24, 153, 929, 148, 171, 144, 46, 84],
  asian: [706, 720, 785, 750, 740, 768, 782, 703, 765, 795, 811, 814, 822, 815, 825, 850],
  india: [615],
  indoEuropean: [680, 431],
  other: [425, 495, 522],
  europe: [360],
  caribbeanEnglish: [308],
  haiti: [336],
  anglophoneAfrica: [553],
  spanish: [200, 210, 261, 271, 275, 221, 222, 223, 224, 225, 226, 227, 231, 232, 233, 234, 235, 236, 237, 238, 239, 249, 290, 291],
});

/** The profile of a country of birth (POBP). */
export function countryProfile(pobp: number): LanguageProfile {
  return PROFILES[COUNTRY_PROFILE.get(pobp) ?? 'unknown'];
}
