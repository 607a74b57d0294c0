import { describe, expect, it } from 'vitest';
import { scoreDoc, shingles, summarize } from '../bench/score.js';

// The benchmark scorer is what the README's figures rest on: check it against hand-computed cases.
describe('benchmark scoring (4-token \\w+ shingles)', () => {
  it('tokenizes on Unicode word characters, Arabic included', () => {
    expect([...shingles('قال وزير الخارجية، الصيني: وانغ يي').keys()]).toEqual([
      'قال وزير الخارجية الصيني',
      'وزير الخارجية الصيني وانغ',
      'الخارجية الصيني وانغ يي',
    ]);
  });
  it('keeps a short text as one shingle', () => expect([...shingles('one two').keys()]).toEqual(['one two']));
  it('normalises TP/FP/FN by their sum', () => {
    // truth: a b c d e -> [abcd, bcde]; prediction: a b c d x -> [abcd, bcdx]
    const s = scoreDoc('a b c d e', 'a b c d x');
    expect(s).toEqual({ tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
  });
  it('averages precision and recall over documents and takes F1 of the averages', () => {
    const perfect = scoreDoc('a b c d e', 'a b c d e');
    const half = scoreDoc('a b c d e', 'a b c d x');
    const s = summarize([perfect, half]);
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.75);
    expect(s.f1).toBeCloseTo(0.75);
  });
  it('leaves a document with no prediction out of precision', () => {
    const s = summarize([scoreDoc('a b c d e', ''), scoreDoc('a b c d e', 'a b c d e')]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(0.5);
  });
});
