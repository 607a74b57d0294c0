import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords, scanTokens, tokenize } from '../src/index.js';

describe('tokenize', () => {
  it('splits Arabic words, numbers and punctuation with offsets', () => {
    const src = 'ناننينغ 23 مارس 2021 (شينخوا) أجرى';
    const toks = tokenize(src);
    expect(toks.map((t) => [t.text, t.kind])).toEqual([
      ['ناننينغ', 'arabic'],
      ['23', 'number'],
      ['مارس', 'arabic'],
      ['2021', 'number'],
      ['(', 'punct'],
      ['شينخوا', 'arabic'],
      [')', 'punct'],
      ['أجرى', 'arabic'],
    ]);
    for (const t of toks) expect(src.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps diacritics and tatweel inside words, and decimal separators inside numbers', () => {
    expect(tokenize('عبَّرا بوتيـن ٣٫٥ 1,000').map((t) => t.text)).toEqual(['عبَّرا', 'بوتيـن', '٣٫٥', '1,000']);
  });

  it('treats the Arabic comma and question mark as punctuation', () => {
    expect(tokenize('نعم، لا؟').map((t) => t.kind)).toEqual(['arabic', 'punct', 'arabic', 'punct']);
  });

  it('keeps the offset invariant over every seed', () => {
    const dir = join(__dirname, '../../../fixtures/raw');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const t of tokenize(src)) expect(src.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it('is linear on hostile input', () => {
    const long = 'ا'.repeat(2_000_000) + '.'.repeat(1_000_000);
    const toks = tokenize(long);
    expect(toks[0]!.text.length).toBe(2_000_000);
    expect(toks.length).toBe(1_000_001);
  });

  it('scanTokens visits the same spans as tokenize, and countWords counts words and numbers only', () => {
    const src = 'قال الرئيس (2021): «نعم» — 3.5% من 1,000 jobs!';
    const spans: Array<[number, number, string]> = [];
    scanTokens(src, (start, end, kind) => spans.push([start, end, kind]));
    expect(spans).toEqual(tokenize(src).map((t) => [t.start, t.end, t.kind]));
    // قال الرئيس 2021 نعم 3.5 من 1,000 jobs
    expect(countWords(src)).toBe(8);
    expect(countWords('')).toBe(0);
    expect(countWords('… — !')).toBe(0);
  });
});
