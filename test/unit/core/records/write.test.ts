import { describe, expect, it } from 'vitest';
import { csvRecord, csvRecords, csvTable } from '../../../../src/core/records/csv-write';
import { readTextRecords } from '../../../../src/core/records/read';
import { inertMarkdown } from '../../../../src/core/records/inert-markdown';

describe('the CSV writer', () => {
  it('puts a quote before every cell a spreadsheet would run as a formula', () => {
    const cells = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '- a list\n- of two'];
    const line = csvRecord(cells);
    expect(line).toBe(`"'=HYPERLINK(""http://x"",""y"")","'+1","'-2","'@SUM(A1)","'\tx","'\rx","'- a list\n- of two"`);
  });

  it('leaves numbers, plain text and empty cells alone', () => {
    expect(csvRecord([-0.25, 3, 'plain, with comma', null, undefined, true, 'a-b'])).toBe('-0.25,3,"plain, with comma",,,true,a-b');
  });

  it('reads back exactly what it wrote, apostrophes included', () => {
    const rows = [['=1+1', "'=already", "''-x", 'text', '-']];
    const back = readTextRecords('x.csv', csvTable(['a', 'b', 'c', 'd', 'e'], rows));
    expect(back.rows[0]!.value).toEqual({ a: '=1+1', b: "'=already", c: "''-x", d: 'text', e: '-' });
  });

  it('joins records with CRLF; a table ends with one', () => {
    expect(csvRecords([])).toBe('');
    expect(csvRecords([['a'], ['b']])).toBe('a\r\nb');
    expect(csvTable(['h'], [['v']])).toBe('h\r\nv\r\n');
  });
});

describe('inert Markdown', () => {
  it('escapes every link form: inline, reference, image, autolink and HTML', () => {
    const text =
      '[click](javascript:alert(1)) ![x](data:text/html,hi) <javascript:alert(1)> <a href="javascript:x">a</a>\n[r]: javascript:alert(1)';
    const out = inertMarkdown(text);
    expect(out).toBe(
      '\\[click\\](javascript:alert(1)) !\\[x\\](data:text/html,hi) \\<javascript:alert(1)> \\<a href="javascript:x">a\\</a>\n\\[r\\]: javascript:alert(1)',
    );
    // No unescaped bracket or angle bracket is left.
    expect(out.replace(/\\[\\[\]<]/g, '')).not.toMatch(/[[\]<]/);
  });

  it('escapes backslashes too, so a reply cannot turn an escape around', () => {
    expect(inertMarkdown('\\[x](javascript:1)')).toBe('\\\\\\[x\\](javascript:1)');
  });

  it('leaves text without link syntax as it is', () => {
    expect(inertMarkdown('**Yes.** I think so — see https://example.org.')).toBe('**Yes.** I think so — see https://example.org.');
  });
});
