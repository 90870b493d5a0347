import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';
import { stripMarkdown } from './markdown';
import { makeSnippet } from './snippet';

const marked = (text: string, terms: string[]): string =>
  highlight(text, terms)
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('highlight', () => {
  it('marks whole words from a prefix, case-insensitively', () => {
    expect(marked('Reset your Password now', ['passw'])).toBe('Reset your [Password] now');
    expect(marked('Account locked out', ['lock'])).toBe('Account [locked] out');
  });

  it('marks English terms only at the start of a word', () => {
    expect(marked('compass', ['pass'])).toBe('compass');
  });

  it('marks Chinese terms wherever they occur, and merges overlaps', () => {
    expect(marked('打印机显示脱机', ['打印', '打印机', '脱机'])).toBe('[打印机]显示[脱机]');
  });

  it('handles full-width letters and gives the text back unchanged', () => {
    const text = 'ＶＰＮ 连不上';
    expect(marked(text, ['vpn'])).toBe('[ＶＰＮ] 连不上');
    expect(
      highlight(text, ['vpn'])
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(highlight('', ['x'])).toEqual([{ text: '', match: false }]);
    expect(highlight('abc', [])).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('stripMarkdown', () => {
  it('leaves the words, not the markup', () => {
    const md = '## Steps\n\n1. **Open** the [queue](http://x) and `cancel` jobs\n- [x] done\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n> quote \\*literal\\*';
    expect(stripMarkdown(md)).toBe('Steps\nOpen the queue and cancel jobs\ndone\na b\n1 2\nquote *literal*');
  });
});

describe('makeSnippet', () => {
  const text = `${'Intro words here. '.repeat(8)}Restart the Print Spooler service and print a test page. ${'More text follows. '.repeat(8)}`;

  it('cuts around the first match, on word boundaries, with ellipses', () => {
    const s = makeSnippet(text, ['spooler']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('Print Spooler service');
    expect(s.length).toBeLessThanOrEqual(112);
  });

  it('starts at the beginning when nothing matches', () => {
    expect(makeSnippet('Short text.', ['zzz'])).toBe('Short text.');
  });
});
