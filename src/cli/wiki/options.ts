/**
 * The options of `wiki`, parsed strictly (an unknown or malformed option is a usage error naming it),
 * and the study they describe. Defaults follow the paper's recipe (`DEFAULT_STUDY`: 50 candidates,
 * the reward and diversity filters, all eight prefixes, Table 3's conditions) at a small size (2 +
 * 2 questions per person); `--preset laptop` is the faster variant, and the help says what it trades.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { FileProblemsError } from '../../core/records/problems';
import { decodeText, readTextRecords } from '../../core/records/read';
import { UsageError } from '../command';
import { intOption as int, oneOfOption as oneOf } from '../option-values';
import { SERVER_OPTIONS, SERVER_OPTIONS_HELP, serverOptions, type ServerOptions } from '../pipeline/server-options';
import { normalizeBaseUrl } from '../../core/llm/openai-http';
import { customPerson, FAMOUS_PEOPLE, personId, type FamousPerson } from '../../core/wiki/famous';
import { parsePrefixList, PREFIX_KINDS } from '../../core/wiki/prefixes';
import { DEFAULT_STUDY, LAPTOP_STUDY, STUDY_STEPS, type StudyStep, type WikiStudyConfig } from '../../core/wiki/study';

/** Parsed options. */
export interface WikiOptions {
  readonly endpoint: string;
  readonly model: string;
  readonly judgeEndpoint: string;
  readonly judgeModel: string;
  /** The generic reward model's server and model (B.2), when not the generator's. */
  readonly reward?: { readonly endpoint: string; readonly model: string };
  readonly out: string;
  readonly steps: readonly StudyStep[];
  readonly concurrency: number;
  readonly retryFailed: boolean;
  readonly config: WikiStudyConfig;
  readonly people: readonly FamousPerson[];
  /** Request timeout, transport retries and API key, for every server of the study. */
  readonly server: ServerOptions;
}

/** The help text of the options. */
export const WIKI_OPTIONS_HELP = `  --endpoint <URL>        OpenAI-compatible API root of the model studied (the paper's Zephyr), e.g. http://127.0.0.1:8000/v1
  --model <name>          that model, as the server names it
  --judge-endpoint <URL>  the judge's server: questions, labels, persona-strong and gold, win rates (the paper's GPT-4; default --endpoint)
  --judge-model <name>    the judge model (default --model)
  --reward-endpoint <URL> the generic reward model's server for the candidates' reward filter (B.2; default --endpoint):
                          its /completions with echo and logprobs give each candidate's mean token log-probability
  --reward-model <name>   that model (default --model)
  --out <dir>             output directory: results.json, the data files, the call cache (run again to resume)
  --preset paper|laptop   paper (default): the paper's recipe, as the defaults below, at a small size;
                          laptop, faster: 8 candidates per question instead of 50 (pairs chosen from
                          fewer, less diverse answers), 3 of the 8 prefixes, win rates against persona
                          gold instead of persona-strong. Options given explicitly override the preset
  --people <names>        comma-separated names or ids of famous people (see the famous command); default: 3 people
  --people-file <file>    your own people as JSON lines {"name", <any of the 15 columns>, "axes": ["axis: category", …]}; studied too
  --personal <n>          personal questions per person (default 2; paper 100)
  --divergent <n>         divergent questions per axis (default 2; paper 100)
  --questions-per-call <n> questions asked for in one call (default 20, as the paper)
  --cots <n>              chains of thought per personal question (default 5, as the paper; laptop 2)
  --responses-per-cot <n> responses per chain of thought (default 10, as the paper: 50 candidates; laptop 4)
  --reward-pool <n>       candidates kept by the generic reward filter, the span with the narrowest reward range
                          (default 20 of 50, as the paper; laptop 6; 0 turns it off). Skipped, and said so, when
                          the reward model's server cannot score a given text
  --keep <n>              candidates kept by the diversity filter (default 4, as the paper)
  --judge-batch <n>       comparisons per judge call (default 5, as the paper)
  --prefixes <list>       evaluated prefixes, from ${PREFIX_KINDS.join(', ')}
                          (default all eight, as the paper; laptop none,persona,persona-gold)
  --few-shot <n>          training pairs in the few-shot prefix (default 2, as the paper)
  --persona-shots <n>     training pairs the personas are inferred from (default 4, as the paper)
  --scoring auto|logprob|generative
                          reward accuracy by mean token log-probability (/completions with echo and logprobs)
                          or by the model choosing y_w or y_l in both orders; auto: log-probability when the
                          server can score a given text (default auto)
  --score-format plain|chatml|zephyr|llama3
                          the chat layout of the scored prompt (default plain)
  --embeddings auto|server|tfidf
                          candidate embeddings from the server's /embeddings (auto falls back to TF-IDF, said so)
  --embed-model <name>    the embedding model on the server (default --model)
  --win-rate <list>       conditions of the generation win rates (default none,persona-strong: Table 3's F and T;
                          laptop none,persona-gold; "" skips them)
  --win-questions <n>     evaluation questions per person for the win rates (default 2: one personal, one
                          divergent, as the paper)
  --temperature <t>       candidates' temperature (default 2, as the paper)
  --top-p <p>             candidates' top_p (default 0.8, as the paper)
  --max-tokens <n>        tokens per answer (default 512, as the paper)
  --steps <list>          steps to run: ${STUDY_STEPS.join(',')} (default all; earlier ones are done or resumed first)
  --seed <S>              study seed (default 1)
  --concurrency <c>       items worked on at once (default 2)
  --retry-failed          give items that failed on unreadable output a new round of attempts
${SERVER_OPTIONS_HELP}`;

const num = (name: string, v: unknown, fallback: number, min: number, max: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number in [${min}, ${max}], got "${String(v)}".`);
  return n;
};

/**
 * Reads a people file through the record reader: one person per record (JSON lines, a JSON array
 * or CSV) with a name, any of the 15 columns and "axes"; every problem names the file, line and
 * field, and a file with any problem is refused (`FileProblemsError`).
 */
export function readPeopleFile(path: string, taken: Set<string>): FamousPerson[] {
  let text: string;
  try {
    text = decodeText(readFileSync(path));
  } catch (e) {
    throw new UsageError(
      `--people-file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  const file = readTextRecords(basename(path), text);
  const out: FamousPerson[] = [];
  for (const { line, value: v } of file.rows) {
    if (typeof v.name !== 'string') {
      file.log.add(line, 'a person needs a name', 'name');
      continue;
    }
    try {
      const columns = Object.fromEntries(
        Object.entries(v).filter(([k, x]) => k !== 'name' && k !== 'axes' && (typeof x === 'string' || x === null)),
      );
      const axes = Array.isArray(v.axes) ? (v.axes as string[]) : typeof v.axes === 'string' && v.axes ? v.axes.split(/\s*;\s*/) : [];
      const p = customPerson({ name: v.name, columns, axes }, taken);
      taken.add(p.id);
      out.push(p);
    } catch (e) {
      const m = /^([\w[\]]+): ([\s\S]*)$/.exec((e as Error).message);
      file.log.add(line, m ? m[2]! : (e as Error).message, m?.[1]);
    }
  }
  if (file.log.total) throw new FileProblemsError(file.log.list());
  return out;
}

/** Parses the options. */
export function parseWikiOptions(args: readonly string[]): WikiOptions {
  let v: Record<string, string | boolean | undefined>;
  const str = { type: 'string' } as const;
  try {
    ({ values: v } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: str,
        model: str,
        'judge-endpoint': str,
        'judge-model': str,
        'reward-endpoint': str,
        'reward-model': str,
        'reward-pool': str,
        preset: str,
        out: str,
        people: str,
        'people-file': str,
        personal: str,
        divergent: str,
        'questions-per-call': str,
        cots: str,
        'responses-per-cot': str,
        keep: str,
        'judge-batch': str,
        prefixes: str,
        'few-shot': str,
        'persona-shots': str,
        scoring: str,
        'score-format': str,
        embeddings: str,
        'embed-model': str,
        'win-rate': str,
        'win-questions': str,
        temperature: str,
        'top-p': str,
        'max-tokens': str,
        steps: str,
        seed: str,
        concurrency: str,
        'retry-failed': { type: 'boolean' },
        ...SERVER_OPTIONS,
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const need = (k: string) => {
    const x = v[k];
    if (typeof x !== 'string' || !x) throw new UsageError(`--${k} is required.`);
    return x;
  };
  const endpoint = normalizeBaseUrl(need('endpoint'));
  const model = need('model');
  const taken = new Set(FAMOUS_PEOPLE.map((p) => p.id));
  const own = typeof v['people-file'] === 'string' ? readPeopleFile(v['people-file'], taken) : [];
  const everyone = [...FAMOUS_PEOPLE, ...own];
  const named =
    typeof v.people === 'string'
      ? v.people
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const chosen = named.map((n) => {
    const p = everyone.find((x) => x.id === personId(n));
    if (!p) throw new UsageError(`--people: "${n}" is not in the famous set (see npm run cli -- famous) or the people file.`);
    return p.id;
  });
  const ids = [...new Set([...chosen, ...own.map((p) => p.id)])];
  const base = oneOf('preset', v.preset, ['paper', 'laptop'] as const, 'paper') === 'laptop' ? LAPTOP_STUDY : DEFAULT_STUDY;
  let prefixes: WikiStudyConfig['prefixes'];
  let winRate: WikiStudyConfig['winRate'];
  let steps: StudyStep[];
  try {
    prefixes = typeof v.prefixes === 'string' ? parsePrefixList(v.prefixes) : [...base.prefixes];
    winRate = typeof v['win-rate'] === 'string' ? parsePrefixList(v['win-rate']) : [...base.winRate];
    steps =
      typeof v.steps === 'string' ? v.steps.split(',').map((s) => oneOf('steps', s.trim(), STUDY_STEPS, 'questions')) : [...STUDY_STEPS];
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (prefixes.length === 0) throw new UsageError('--prefixes names no prefix.');
  const maxTokens = int('max-tokens', v['max-tokens'], 512, 16);
  const config: WikiStudyConfig = {
    ...base,
    seed: int('seed', v.seed, 1, 0),
    people: ids.length ? ids : ['joe-biden', 'halle-berry', 'taylor-swift'],
    personalPerPerson: int('personal', v.personal, base.personalPerPerson, 0),
    divergentPerAxis: int('divergent', v.divergent, base.divergentPerAxis, 0),
    questionsPerCall: int('questions-per-call', v['questions-per-call'], base.questionsPerCall, 1),
    cots: int('cots', v.cots, base.cots, 1),
    responsesPerCot: int('responses-per-cot', v['responses-per-cot'], base.responsesPerCot, 1),
    rewardPool: int('reward-pool', v['reward-pool'], base.rewardPool, 0),
    keep: int('keep', v.keep, base.keep, 2),
    judgeBatch: int('judge-batch', v['judge-batch'], base.judgeBatch, 1),
    prefixes,
    fewShot: int('few-shot', v['few-shot'], base.fewShot, 1),
    personaShots: int('persona-shots', v['persona-shots'], base.personaShots, 1),
    scoring: oneOf('scoring', v.scoring, ['auto', 'logprob', 'generative'] as const, 'auto'),
    scoreFormat: oneOf('score-format', v['score-format'], ['plain', 'chatml', 'zephyr', 'llama3'] as const, 'plain'),
    embeddings: oneOf('embeddings', v.embeddings, ['auto', 'server', 'tfidf'] as const, 'auto'),
    ...(typeof v['embed-model'] === 'string' ? { embedModel: v['embed-model'] } : {}),
    winRate,
    winQuestions: int('win-questions', v['win-questions'], base.winQuestions, 0),
    candidateSampling: {
      temperature: num('temperature', v.temperature, 2, 0, 5),
      top_p: num('top-p', v['top-p'], 0.8, 0.01, 1),
      max_tokens: maxTokens,
    },
    sampling: { temperature: 1, top_p: 1, max_tokens: maxTokens },
  };
  return {
    endpoint,
    model,
    judgeEndpoint: typeof v['judge-endpoint'] === 'string' ? normalizeBaseUrl(v['judge-endpoint']) : endpoint,
    judgeModel: typeof v['judge-model'] === 'string' ? v['judge-model'] : model,
    ...(typeof v['reward-endpoint'] === 'string' || typeof v['reward-model'] === 'string'
      ? {
          reward: {
            endpoint: typeof v['reward-endpoint'] === 'string' ? normalizeBaseUrl(v['reward-endpoint']) : endpoint,
            model: typeof v['reward-model'] === 'string' ? v['reward-model'] : model,
          },
        }
      : {}),
    out: need('out'),
    steps,
    concurrency: int('concurrency', v.concurrency, 2, 1),
    retryFailed: v['retry-failed'] === true,
    config,
    people: everyone,
    server: serverOptions(v),
  };
}
