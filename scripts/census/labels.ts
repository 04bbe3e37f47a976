/**
 * `npx tsx scripts/census/labels.ts`: extracts the code → label text the census model needs from the
 * official PUMS data dictionaries (../shared/data/census/dictionary) into
 * src/core/census/data/labels.json, so the app never reads ../shared.
 *
 * The 2021 dictionary is closest to the 2024 codes and wins; codes only the 2019 or 2018 dictionary
 * has are added (older user files use them). N/A ("b…") rows are left out: N/A becomes null.
 * INDP codes introduced by the 2022 Census Industry Code List (NAICS 2022 retail, publishing and
 * banking changes), which appear in 2023+ PUMS but in none of the three dictionaries, are labelled
 * from that code list (INDP_2022 below), in the dictionary's "SECTOR-Title" style.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const VARS = [
  'SEX',
  'RAC1P',
  'HISP',
  'CIT',
  'NATIVITY',
  'SCHL',
  'ESR',
  'COW',
  'INDP',
  'OCCP',
  'MAR',
  'MIL',
  'DIS',
  'HICOV',
  'ENG',
  'FER',
  'DEAR',
  'DEYE',
  'DREM',
  'HHT',
  'HHT2',
  'HHL',
  'FPARC',
  'LANX',
  'POBP',
  'ANC1P',
  'ST',
];

/** 2022 Census Industry Code List codes missing from the 2018–2021 dictionaries. */
const INDP_2022: Record<string, string> = {
  '4681': 'RET-Other Motor Vehicle Dealers',
  '4691': 'RET-Automotive Parts, Accessories, And Tire Retailers',
  '4771': 'RET-Furniture And Home Furnishings Retailers',
  '4796': 'RET-Electronics And Appliance Retailers',
  '4871': 'RET-Building Material And Supplies Dealers',
  '4881': 'RET-Hardware Retailers',
  '4891': 'RET-Lawn And Garden Equipment And Supplies Retailers',
  '4973': 'RET-Vending Machine Operators',
  '4981': 'RET-Specialty Food Retailers',
  '4991': 'RET-Beer, Wine, And Liquor Retailers',
  '5071': 'RET-Pharmacies And Drug Retailers',
  '5081': 'RET-Health And Personal Care Retailers, Except Drug',
  '5171': 'RET-Clothing And Clothing Accessories Retailers',
  '5181': 'RET-Shoe Retailers',
  '5191': 'RET-Jewelry, Luggage, And Leather Goods Retailers',
  '5276': 'RET-Sporting Goods, And Hobby And Toy Retailers',
  '5281': 'RET-Sewing, Needlework, And Piece Goods Retailers',
  '5296': 'RET-Musical Instrument And Supplies Retailers',
  '5371': 'RET-Book Retailers And News Dealers',
  '5382': 'RET-Department Stores',
  '5392': 'RET-Warehouse Clubs, Supercenters, And Other General Merchandise Retailers',
  '5471': 'RET-Florists',
  '5481': 'RET-Office Supplies And Stationery Retailers',
  '5491': 'RET-Used Merchandise Retailers',
  '5571': 'RET-Gift, Novelty, And Souvenir Retailers',
  '5581': 'RET-Miscellaneous Retailers',
  '5791': 'RET-Not Specified Retail Trade',
  '6471': 'INF-Newspaper Publishers',
  '6481': 'INF-Periodical, Book, And Directory Publishers',
  '6671': 'INF-Broadcasting And Content Providers',
  '6781': 'INF-Web Search Portals, Libraries, Archives, And Other Information Services',
  '6871': 'FIN-Banking And Related Activities',
  '6881': 'FIN-Savings Institutions, Including Credit Unions',
};

const ST: Record<string, string> = {};

function read(year: number): Record<string, Record<string, string>> {
  const text = readFileSync(`../shared/data/census/dictionary/PUMS_Data_Dictionary_${year}.csv`, 'utf8');
  const out: Record<string, Record<string, string>> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^VAL,(\w+),\w,\d+,"([^"]*)","([^"]*)","(.*)"\s*$/.exec(line);
    if (!m) continue;
    const [, v, lo, hi, label] = m as unknown as [string, string, string, string, string];
    if (!VARS.includes(v) || lo.startsWith('b') || lo !== hi || !/^\d+$/.test(lo)) continue;
    (out[v] ??= {})[String(Number(lo))] = label.trim();
  }
  return out;
}

const merged: Record<string, Record<string, string>> = {};
for (const year of [2018, 2019, 2021]) {
  for (const [v, codes] of Object.entries(read(year))) Object.assign((merged[v] ??= {}), codes);
}
for (const [code, label] of Object.entries(INDP_2022)) (merged.INDP ??= {})[String(Number(code))] = label;
Object.assign(ST, merged.ST);
const ordered = Object.fromEntries(VARS.filter((v) => merged[v]).map((v) => [v, merged[v]]));
writeFileSync('src/core/census/data/labels.json', JSON.stringify(ordered) + '\n');
process.stderr.write(`labels: ${VARS.map((v) => `${v} ${Object.keys(merged[v] ?? {}).length}`).join(', ')}\n`);
