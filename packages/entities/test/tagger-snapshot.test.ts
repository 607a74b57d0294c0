import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWordKind, keyHash, scanTokens } from '@akhbar/text';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/index.js';
import { fromRows, type TaggerSnapshot } from './tagger-snapshot.js';

// Texts and mentions recorded by test/make-tagger-snapshot.ts (see the fixture's madeWith and why).
const snapshot = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tagger-snapshot.json'), 'utf8'),
) as TaggerSnapshot;

describe('tagger snapshot: the same mentions as when the snapshot was made', () => {
  it('covers fixture, generated and hostile texts', () => {
    expect(snapshot.texts.length).toBe(snapshot.mentions.length);
    expect(snapshot.texts.some((t) => t.length >= 2000)).toBe(true);
    expect(snapshot.mentions.flat().length).toBeGreaterThan(1000);
  });
  it('every text, mention for mention', () => {
    const tagger = createTagger({ extra: [] });
    snapshot.texts.forEach((text, i) => {
      const want = fromRows(text, snapshot.mentions[i]!, snapshot.strings);
      // Stringified, so key order and absent keys (role) count too: byte-identical output.
      expect(JSON.stringify(tagger.tag(text)), `text ${i}`).toBe(JSON.stringify(want));
    });
  });
  it('the same mentions when the tagger tags the texts again (warm word cache)', () => {
    const tagger = createTagger({ extra: [] });
    for (const t of snapshot.texts) tagger.tag(t);
    snapshot.texts.forEach((text, i) => {
      expect(tagger.tag(text), `text ${i}`).toEqual(fromRows(text, snapshot.mentions[i]!, snapshot.strings));
    });
  });
  it('analyze: the same mentions, and the keyHash of every word and number token in order', () => {
    const tagger = createTagger({ extra: [] });
    snapshot.texts.forEach((text, i) => {
      const { mentions, wordHashes } = tagger.analyze(text);
      expect(JSON.stringify(mentions), `text ${i}`).toBe(
        JSON.stringify(fromRows(text, snapshot.mentions[i]!, snapshot.strings)),
      );
      const want: number[] = [];
      scanTokens(text, (start, end, kind) => {
        if (isWordKind(kind)) want.push(keyHash(text, start, end));
      });
      expect(Array.from(wordHashes), `text ${i}`).toEqual(want);
    });
  });
});
