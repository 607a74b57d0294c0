// The benchmark's corpus generator: the newswire-vocabulary variant (bench.ts, NEWS_N) rebuilds
// running text from CoNLL lines and recombines it with the synthetic layout.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, newswireSentences } from '../bench/synthetic.js';

// Two sentences written for this test in ANERcorp's layout (token, space, tag; a blank line between).
const CONLL = [
  'القاهرة B-LOC',
  '( O',
  'أ O',
  'ش O',
  'أ O',
  ') O',
  'أعلن O',
  'وزير O',
  'الخارجية O',
  'أمس O',
  '، O',
  'أن O',
  'الاجتماع O',
  'سيعقد O',
  'في O',
  'عمان B-LOC',
  '. O',
  '',
  'قصيرة O',
  '. O',
  '',
  'وقال O',
  'المتحدث O',
  'باسم O',
  'الوزارة O',
  'إن O',
  'المحادثات O',
  'كانت O',
  '" O',
  'مثمرة O',
  '" O',
  '. O',
  '',
].join('\n');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('newswireSentences', () => {
  it('drops the tags, rejoins the tokens and leaves out sentences under 40 characters', () => {
    expect(newswireSentences(CONLL)).toEqual([
      'القاهرة (أ ش أ) أعلن وزير الخارجية أمس، أن الاجتماع سيعقد في عمان.',
      'وقال المتحدث باسم الوزارة إن المحادثات كانت " مثمرة ".',
    ]);
  });

  it('refuses a text with no sentence', () => {
    expect(() => newswireSentences('قصيرة O\n')).toThrow(/no sentences/);
  });
});

describe('generateCorpus with given sentences', () => {
  it('builds its articles from those sentences, the same bytes on every run', () => {
    const sentences = newswireSentences(CONLL);
    const make = () => {
      const dir = mkdtempSync(join(tmpdir(), 'akhbar-news-'));
      dirs.push(dir);
      const info = generateCorpus({ dir, count: 5, kind: 'text', sentences });
      const files = readdirSync(join(dir, '0000')).sort();
      return { info, texts: files.map((f) => readFileSync(join(dir, '0000', f), 'utf8')) };
    };
    const a = make();
    const b = make();
    expect(a.info.files).toBe(5);
    expect(b.texts).toEqual(a.texts);
    for (const text of a.texts) {
      // Every body paragraph is made of the given sentences (the last one also gets its count).
      expect(text).toMatch(/الاجتماع سيعقد في عمان|المحادثات كانت/);
      expect(text).not.toMatch(/B-LOC|\bO\b/);
    }
  });
});
