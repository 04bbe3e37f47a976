import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import {
  ImportError,
  detectFormat,
  readPromptFile,
  readPromptsCsv,
  readPromptsJson,
  readPromptsJsonl,
  readPromptsParquet,
} from '../../../../src/core/prompts/importers';
import { countByTopic, ruleFilter } from '../../../../src/core/prompts/filters';
import { splitByTopic } from '../../../../src/core/prompts/split';

describe('prompt importers', () => {
  it('reads our prompts.jsonl and PRISM conversations.jsonl, naming bad lines', () => {
    const text = [
      '{"text":"Should voting be compulsory for everyone?","id":"v1","topic":"politics","split":"test"}',
      '{"conversation_id":"c1","opening_prompt":"Who is right in the war, and why?","conversation_history":[{"role":"user","content":"x"}]}',
      'not json',
      '{"foo":"bar"}',
      '',
    ].join('\n');
    const r = readPromptsJsonl(text, 'conversations.jsonl');
    expect(r.prompts).toEqual([
      { id: 'v1', text: 'Should voting be compulsory for everyone?', topic: 'politics', split: 'heldout' },
      expect.objectContaining({ text: 'Who is right in the war, and why?', topic: 'politics' }),
    ]);
    expect(r.skipped).toBe(2);
    expect(r.problems[0]).toBe('conversations.jsonl line 3: not JSON');
    expect(r.problems[1]).toMatch(/^conversations\.jsonl line 4: no text field/);
  });

  it('reads a JSON array of strings and refuses a non-array', () => {
    expect(readPromptsJson('["Is it okay to lie sometimes?", "Hello"]', 'a.json').prompts).toHaveLength(2);
    expect(() => readPromptsJson('{"a":1}', 'a.json')).toThrow(/a\.json: expected a JSON array/);
    expect(() => readPromptsJson('[1, 2]', 'a.json')).toThrow(ImportError);
    expect(() => readPromptsJson('[', 'a.json')).toThrow(/a\.json: not valid JSON/);
  });

  it('reads CSV with a named text column or the first column', () => {
    const named = readPromptsCsv('id,question,topic\nq1,"Is it fair, really?",ethics\n', 'p.csv');
    expect(named.prompts).toEqual([{ id: 'q1', text: 'Is it fair, really?', topic: 'ethics' }]);
    const first = readPromptsCsv('\uFEFFmy prompts\nShould we tax meat?\n', 'p.csv');
    expect(first.prompts[0]?.text).toBe('Should we tax meat?');
  });

  it('reads Parquet (written here with a minimal encoder) and names a missing text column', async () => {
    const bytes = tinyParquet('opening_prompt', ['Should we tax meat?', 'Is AI good for us?']);
    const r = await readPromptsParquet(bytes, 'p.parquet');
    expect(r.prompts.map((p) => p.text)).toEqual(['Should we tax meat?', 'Is AI good for us?']);
    await expect(readPromptsParquet(tinyParquet('body', ['x']), 'q.parquet')).rejects.toThrow(/q\.parquet: no text column .*found body/);
    await expect(readPromptsParquet(new Uint8Array([1, 2, 3]).buffer, 'bad.parquet')).rejects.toThrow(
      /bad\.parquet: not a readable Parquet file/,
    );
    expect(detectFormat('x.bin', new Uint8Array(bytes))).toBe('parquet');
    expect((await readPromptFile(new Uint8Array(bytes), 'x.parquet')).prompts).toHaveLength(2);
  });

  const PRISM = '../shared/data/prism/prism_opening_prompts.json';
  it.skipIf(!existsSync(PRISM))(`reads PRISM's opening prompts and applies the paper's rule filters (${PRISM})`, () => {
    const r = readPromptsJson(readFileSync(PRISM, 'utf8'), 'prism_opening_prompts.json');
    expect(r.prompts.length).toBe(8011);
    const { prompts, report } = ruleFilter(r.prompts);
    // Rule filters only; the paper's LLM controversy filter then kept 3,868.
    console.log(
      `PRISM rule filters: ${report.input} in, ${report.kept} kept, dropped ${JSON.stringify(report.dropped)}; topics ${JSON.stringify(Object.fromEntries(countByTopic(prompts)))}`,
    );
    expect(report.kept).toBeGreaterThan(3868);
    expect(report.kept).toBeLessThan(7811);
    expect(prompts.every((p) => p.text.includes('?'))).toBe(true);
    const split = splitByTopic(prompts, { seed: 1 });
    expect(split.filter((p) => p.split === 'heldout').length).toBe(Math.round(prompts.length * (868 / 3868)));
  });
});

if (!existsSync('../shared/data/prism/prism_opening_prompts.json')) {
  console.warn('Skipping the PRISM importer test: ../shared/data/prism/prism_opening_prompts.json is absent.');
}

/**
 * A minimal uncompressed Parquet file with one required BYTE_ARRAY (UTF8) column, written by hand
 * (Thrift compact protocol) so the test needs no Parquet writer.
 */
function tinyParquet(column: string, values: string[]): ArrayBuffer {
  const out: number[] = [];
  const varint = (n: number, into: number[]) => {
    while (n > 0x7f) {
      into.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    into.push(n);
  };
  const zz = (n: number) => (n << 1) ^ (n >> 31);
  class T {
    b: number[] = [];
    last = [0];
    field(id: number, type: number) {
      const d = id - (this.last.at(-1) ?? 0);
      if (d > 0 && d <= 15) this.b.push((d << 4) | type);
      else {
        this.b.push(type);
        varint(zz(id), this.b);
      }
      this.last[this.last.length - 1] = id;
    }
    i32(id: number, v: number) {
      this.field(id, 5);
      varint(zz(v), this.b);
    }
    i64(id: number, v: number) {
      this.field(id, 6);
      varint(zz(v), this.b);
    }
    bin(id: number, s: string | Uint8Array) {
      this.field(id, 8);
      const bytes = typeof s === 'string' ? new TextEncoder().encode(s) : s;
      varint(bytes.length, this.b);
      this.b.push(...bytes);
    }
    struct(id: number, fill: () => void) {
      this.field(id, 12);
      this.last.push(0);
      fill();
      this.b.push(0);
      this.last.pop();
    }
    list(id: number, type: number, items: Array<() => void>) {
      this.field(id, 9);
      this.b.push((Math.min(items.length, 15) << 4) | type);
      if (items.length >= 15) varint(items.length, this.b);
      for (const it of items) {
        this.last.push(0);
        it();
        this.b.push(0);
        this.last.pop();
      }
    }
    listStr(id: number, items: string[]) {
      this.field(id, 9);
      this.b.push((items.length << 4) | 8);
      for (const s of items) {
        const e = new TextEncoder().encode(s);
        varint(e.length, this.b);
        this.b.push(...e);
      }
    }
    listI32(id: number, items: number[]) {
      this.field(id, 9);
      this.b.push((items.length << 4) | 5);
      for (const v of items) varint(zz(v), this.b);
    }
    end() {
      this.b.push(0);
      return this.b;
    }
  }
  const data: number[] = [];
  for (const v of values) {
    const e = new TextEncoder().encode(v);
    data.push(e.length & 255, (e.length >> 8) & 255, 0, 0, ...e);
  }
  const header = new T();
  header.i32(1, 0);
  header.i32(2, data.length);
  header.i32(3, data.length);
  header.struct(5, () => {
    header.i32(1, values.length);
    header.i32(2, 0);
    header.i32(3, 3);
    header.i32(4, 3);
  });
  const page = [...header.end(), ...data];
  out.push(...new TextEncoder().encode('PAR1'));
  const dataOffset = out.length;
  out.push(...page);
  const meta = new T();
  meta.i32(1, 1);
  meta.list(2, 12, [
    () => {
      meta.bin(4, 'schema');
      meta.i32(5, 1);
    },
    () => {
      meta.i32(1, 6);
      meta.i32(3, 0);
      meta.bin(4, column);
      meta.i32(6, 0);
    },
  ]);
  meta.i64(3, values.length);
  meta.list(4, 12, [
    () => {
      meta.list(1, 12, [
        () => {
          meta.i64(2, dataOffset);
          meta.struct(3, () => {
            meta.i32(1, 6);
            meta.listI32(2, [0]);
            meta.listStr(3, [column]);
            meta.i32(4, 0);
            meta.i64(5, values.length);
            meta.i64(6, page.length);
            meta.i64(7, page.length);
            meta.i64(9, dataOffset);
          });
        },
      ]);
      meta.i64(2, page.length);
      meta.i64(3, values.length);
    },
  ]);
  const metaBytes = meta.end();
  out.push(...metaBytes);
  out.push(metaBytes.length & 255, (metaBytes.length >> 8) & 255, 0, 0);
  out.push(...new TextEncoder().encode('PAR1'));
  return new Uint8Array(out).buffer;
}
