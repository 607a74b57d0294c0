// The tagger's word cache (src/doc.ts): one record per distinct token as written, whatever the table's
// layout, growth or reset. Its hits compare the code units kept in the slot (and, past the first ten, the
// record's string), so words that share a prefix, a length or a hash bucket must never share a record.
import { scanTokens } from '@akhbar/text';
import { describe, expect, it } from 'vitest';
import { makeDoc, WordCache } from '../src/doc.js';
import { buildIndex } from '../src/index-build.js';

const index = buildIndex([], []);

/** The cache's record of each token of `text`, with the token. */
function lookups(cache: WordCache, text: string) {
  const out: Array<{ token: string; rec: ReturnType<WordCache['get']> }> = [];
  scanTokens(text, (start, end, kind) =>
    out.push({ token: text.slice(start, end), rec: cache.get(index, text, start, end, kind) }),
  );
  return out;
}

describe('WordCache', () => {
  it('gives the same record for the same token and a different one for any other', () => {
    const cache = new WordCache();
    // Same first ten units, different after (the long-word path); one unit apart; Latin and digits.
    const text =
      'استراتيجيتها استراتيجيتهم استراتيجيتها وزير وزيرة وزير Ministry ministry 2024 2025 2024 استراتيجيتهم';
    const seen = new Map<string, ReturnType<WordCache['get']>>();
    for (const { token, rec } of lookups(cache, text)) {
      expect(rec.raw).toBe(token);
      const before = seen.get(token);
      if (before) expect(rec).toBe(before);
      else {
        for (const other of seen.values()) expect(rec).not.toBe(other);
        seen.set(token, rec);
      }
    }
    expect(seen.size).toBe(8);
  });

  it('keeps every record through the table growing many times', () => {
    const cache = new WordCache();
    // 20,000 distinct tokens (the table starts at 4,096 slots and doubles at half full).
    const words = Array.from({ length: 20_000 }, (_, i) => `كلمة${i.toString(36)}`);
    const text = words.join(' ');
    const first = lookups(cache, text);
    const second = lookups(cache, text);
    expect(second.length).toBe(first.length);
    for (let i = 0; i < first.length; i++) {
      expect(second[i]!.rec).toBe(first[i]!.rec);
      expect(first[i]!.rec.raw).toBe(first[i]!.token);
    }
    expect(new Set(first.map((x) => x.rec)).size).toBe(new Set(first.map((x) => x.token)).size);
  });

  it('gives a doc whose records spell its tokens', () => {
    const body = 'قال وزير الخارجية الأردني أيمن الصفدي في عمان، إن الوزير سيزور القاهرة.';
    const doc = makeDoc({ ...index, wordCache: new WordCache() }, body);
    const tokens: string[] = [];
    scanTokens(body, (start, end) => tokens.push(body.slice(start, end)));
    expect(doc.n).toBe(tokens.length);
    for (let t = 0; t < doc.n; t++) {
      expect(doc.recs[t]!.raw).toBe(tokens[t]);
      expect(body.startsWith(doc.recs[t]!.raw, doc.starts[t]!)).toBe(true);
    }
  });
});
