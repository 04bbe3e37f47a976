/**
 * Text helpers every reader of model output shares: the one output cleaner (thinking blocks out),
 * markdown stripping, and finding JSON objects inside prose. `generateParsed` cleans every output
 * with `cleanOutput` before a parser sees it; the raw text stays in the attempt record and the cache.
 */

const THINK = '(?:think|thinking|reasoning)';

/**
 * What a thinking model (Qwen3, DeepSeek-R1 and the like) wrote before its answer, removed:
 * closed `<think>…</think>` blocks anywhere; everything up to a closing tag that has no opening one
 * (chat templates that open the block in the prompt); and a leading `<think>` block that never
 * closes (the reply was cut off while thinking), which leaves nothing. Trimmed.
 */
export function cleanOutput(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n').replace(new RegExp(`<(${THINK})>[\\s\\S]*?</\\1\\s*>`, 'gi'), '');
  const orphan = new RegExp(`</${THINK}\\s*>`, 'gi');
  let last: RegExpExecArray | null = null;
  for (let m = orphan.exec(text); m; m = orphan.exec(text)) last = m;
  if (last) text = text.slice(last.index + last[0].length);
  text = text.trim();
  if (new RegExp(`^<${THINK}>`, 'i').test(text)) return '';
  return text;
}

/** Strips markdown emphasis, headings and code fences that models put around markers. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[a-z]*\n?/gi, '')
    .replace(/^\s{0,3}#{1,6}\s*/gm, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/^\s*[*_]+(?=[A-Z])/gm, '')
    .replace(/\r\n/g, '\n');
}

/** Every balanced `{…}` in a text that parses as a JSON object, with its position, in order. */
export function jsonObjects(text: string): Array<{ readonly at: number; readonly value: Record<string, unknown> }> {
  const found: Array<{ at: number; value: Record<string, unknown> }> = [];
  let start = text.indexOf('{');
  while (start >= 0) {
    const end = balancedEnd(text, start);
    let next = start + 1;
    if (end > 0) {
      try {
        const value: unknown = JSON.parse(text.slice(start, end + 1));
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          found.push({ at: start, value: value as Record<string, unknown> });
          next = end + 1;
        }
      } catch {
        // not JSON: look for the next brace inside it
      }
    }
    start = text.indexOf('{', next);
  }
  return found;
}

/** The index of the `}` closing the `{` at `start`, or -1. Braces inside strings are skipped. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The first JSON object in a text; undefined when none parses. */
export function extractJson(text: string): unknown {
  return jsonObjects(text)[0]?.value;
}
