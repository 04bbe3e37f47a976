/**
 * The topics prompts are labelled with, modelled on the conversation topics of PRISM (Kirk et al.
 * 2024), and the keyword rules that label an imported prompt without a model. The rules are a
 * transparent first pass: a whole-word match of any keyword scores one point for its topic; the
 * highest score wins, ties go to the topic listed first, and a prompt matching nothing is "other".
 * The optional LLM topic classifier (`classify.ts`) replaces these labels when a model is available.
 */

/** One topic. */
export interface Topic {
  /** Stable id used in records and exports. */
  readonly id: string;
  /** The label people see. */
  readonly label: string;
  /** Lower-case keywords; a trailing "*" matches any ending ("immigra*" matches "immigration"). */
  readonly keywords: readonly string[];
}

/** Every topic, in tie-break order. */
export const TOPICS: readonly Topic[] = [
  { id: 'immigration', label: 'Immigration', keywords: ['immigra*', 'migrant*', 'refugee*', 'asylum', 'border*', 'deport*', 'visa*', 'citizenship', 'undocumented'] },
  { id: 'religion', label: 'Religion and spirituality', keywords: ['god', 'gods', 'religio*', 'church*', 'faith*', 'pray*', 'bible', 'quran', 'islam*', 'muslim*', 'christian*', 'jesus', 'atheis*', 'spiritual*', 'allah', 'jewish', 'judaism', 'hindu*', 'buddh*', 'afterlife', 'soul', 'sin', 'heaven', 'hell', 'catholic*', 'priest*'] },
  { id: 'identity', label: 'Gender, sexuality and identity', keywords: ['gender*', 'transgender', 'trans', 'lgbt*', 'gay', 'lesbian*', 'queer', 'feminis*', 'sexism', 'sexist', 'racism', 'racist', 'race', 'ethnic*', 'identity', 'pronoun*', 'masculin*', 'woke', 'diversity', 'discriminat*', 'same-sex'] },
  { id: 'environment', label: 'Environment and climate', keywords: ['climate', 'environment*', 'global warming', 'pollution', 'carbon', 'renewable*', 'recycl*', 'plastic*', 'fossil', 'emission*', 'planet', 'sustainab*', 'nuclear', 'wildlife', 'deforestation', 'solar', 'oil'] },
  { id: 'technology', label: 'Technology and AI', keywords: ['ai', 'a.i.', 'artificial intelligence', 'robot*', 'technolog*', 'computer*', 'internet', 'social media', 'smartphone*', 'phone*', 'chatgpt', 'gpt', 'algorithm*', 'privacy', 'online', 'software', 'tech', 'chatbot*', 'crypto*', 'bitcoin', 'automation', 'llm*'] },
  { id: 'politics', label: 'Politics and government', keywords: ['politic*', 'election*', 'vote', 'voting', 'voter*', 'democra*', 'republican*', 'president*', 'government*', 'congress', 'parliament', 'party', 'parties', 'trump', 'biden', 'war', 'wars', 'israel*', 'palestin*', 'hamas', 'gaza', 'ukrain*', 'russia*', 'putin', 'senator*', 'liberal*', 'conservative*', 'left-wing', 'right-wing', 'brexit', 'socialis*', 'communis*', 'capitalis*', 'nation*', 'policy', 'policies'] },
  { id: 'justice', label: 'Law, crime and justice', keywords: ['law', 'laws', 'legal*', 'illegal*', 'police', 'crime*', 'criminal*', 'prison*', 'jail*', 'court*', 'judge*', 'gun', 'guns', 'firearm*', 'justice', 'sentenc*', 'death penalty', 'punish*', 'lawyer*'] },
  { id: 'health', label: 'Health and medicine', keywords: ['health*', 'doctor*', 'medic*', 'disease*', 'vaccin*', 'mental', 'depress*', 'anxiety', 'diet*', 'weight', 'exercise', 'cancer', 'drug*', 'abortion', 'hospital*', 'therap*', 'sleep', 'covid', 'pandemic', 'euthanasia', 'obes*', 'illness', 'sick'] },
  { id: 'education', label: 'Education', keywords: ['school*', 'educat*', 'teacher*', 'student*', 'universit*', 'college*', 'degree*', 'homework', 'exam*', 'tuition', 'classroom*', 'curriculum', 'learn*', 'study', 'studying'] },
  { id: 'money', label: 'Money and the economy', keywords: ['money', 'financ*', 'invest*', 'debt*', 'loan*', 'tax', 'taxes', 'taxed', 'income', 'wealth*', 'rich', 'poor', 'poverty', 'economy', 'economic*', 'inflation', 'saving*', 'budget*', 'stock*', 'price*', 'mortgage*', 'rent', 'afford*', 'billionaire*', 'inequality'] },
  { id: 'work', label: 'Work and careers', keywords: ['job*', 'work', 'working', 'workers', 'career*', 'boss*', 'employ*', 'salary', 'salaries', 'coworker*', 'colleague*', 'manager*', 'interview*', 'resume', 'union*', 'wage*', 'hire', 'hiring', 'office', 'retire*', 'business*'] },
  { id: 'family', label: 'Family and relationships', keywords: ['marriage', 'married', 'marry', 'wife', 'husband', 'partner*', 'boyfriend*', 'girlfriend*', 'dating', 'date', 'relationship*', 'divorce*', 'parent*', 'child*', 'kid', 'kids', 'son', 'daughter*', 'mother*', 'father*', 'mom', 'dad', 'family', 'families', 'friend*', 'sibling*', 'baby', 'babies', 'love', 'grandparent*'] },
  { id: 'ethics', label: 'Ethics and morality', keywords: ['moral*', 'ethic*', 'immoral', 'lie', 'lying', 'lies', 'cheat*', 'steal*', 'wrong', 'fair', 'unfair', 'forgive*', 'revenge', 'right thing', 'justified', 'acceptable', 'animals', 'meat'] },
  { id: 'culture', label: 'Culture, media and the arts', keywords: ['music', 'film*', 'movie*', 'book*', 'art', 'arts', 'artist*', 'culture*', 'cultural', 'celebrit*', 'tv', 'television', 'sport*', 'game*', 'comed*', 'fashion', 'tradition*', 'holiday*', 'language*', 'history', 'historical', 'museum*', 'news', 'media'] },
  { id: 'lifestyle', label: 'Lifestyle, food and leisure', keywords: ['food*', 'eat', 'eating', 'vegan*', 'vegetarian*', 'cook*', 'travel*', 'alcohol', 'drink*', 'hobb*', 'lifestyle', 'pet', 'pets', 'dog', 'dogs', 'cat', 'cats', 'recipe*', 'vacation*', 'fitness'] },
];

/** The label for prompts no rule matches. */
export const OTHER_TOPIC = 'other';

/** Topic ids, in order, plus "other". */
export const TOPIC_IDS: readonly string[] = [...TOPICS.map((t) => t.id), OTHER_TOPIC];

/** The label for a topic id; the id itself for topics not in `TOPICS`. */
export function topicLabel(id: string): string {
  return TOPICS.find((t) => t.id === id)?.label ?? (id === OTHER_TOPIC ? 'Other' : id);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One compiled regular expression per topic, built once. */
const RULES: ReadonlyArray<{ id: string; re: RegExp }> = TOPICS.map((t) => ({
  id: t.id,
  re: new RegExp(
    `(?<![\\w-])(?:${t.keywords.map((k) => (k.endsWith('*') ? `${escape(k.slice(0, -1))}[\\w-]*` : escape(k))).join('|')})(?![\\w-])`,
    'gi',
  ),
}));

/** The topic the keyword rules give a prompt ("other" when no keyword matches). */
export function topicByKeywords(text: string): string {
  let best = OTHER_TOPIC;
  let bestScore = 0;
  for (const rule of RULES) {
    const score = text.match(rule.re)?.length ?? 0;
    if (score > bestScore) {
      best = rule.id;
      bestScore = score;
    }
  }
  return best;
}
