import { normalize, normalizeKey, procliticSplits, type Token, tokenize } from '@akhbar/text';
import type { Pattern, PhraseIndex } from './index-build.js';
import { isCue } from './words.js';

// First letters of a proclitic (و ف ب ل ك and the ا of ال): other words are never split.
const CLITIC_FIRST = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'ا']);

export interface Reading {
  stem: string;
  offset: number;
  article: boolean;
}

export interface Candidate {
  /** Token index after the last token. */
  end: number;
  reading: Reading;
  patterns: Pattern[];
}

/** What the tagger needs to know about one distinct word, computed once per tagger and word. */
export interface WordRec {
  /** The normalized key. */
  key: string;
  /** Readings (unsplit, then proclitics split off) whose stem starts a gazetteer phrase. */
  readings: Reading[];
  /** Whether the word can open a discovery (a trigger, a title word or a nisba). */
  cue: boolean;
}

/** A body as tokens of the source (offsets into the body) with the normalized key of each. */
export interface Doc {
  body: string;
  toks: Token[];
  words: string[];
  recs: WordRec[];
}

const NO_READINGS: Reading[] = [];
const WORD_CACHE_MAX = 200_000;

// News reuses its words: normalizing and analysing each distinct word once, in a cache kept by the tagger,
// costs one hash look-up per token instead of a pass over the whole body.
function wordRec(index: PhraseIndex, tok: Token): WordRec {
  const cache = index.wordCache as Map<string, WordRec>;
  let rec = cache.get(tok.text);
  if (rec) return rec;
  const key = normalizeKey(tok.text);
  const starts = (stem: string) => index.root.has(stem);
  let readings: Reading[];
  if (tok.kind !== 'arabic' || !CLITIC_FIRST.has(key[0]!)) {
    readings = starts(key) ? [{ stem: key, offset: 0, article: false }] : NO_READINGS;
  } else {
    readings = procliticSplits(key)
      .filter((r) => starts(r.stem))
      .map((r) => ({ stem: r.stem, offset: r.offset, article: r.article }));
    if (readings.length === 0) readings = NO_READINGS;
  }
  rec = { key, readings, cue: isCue(key) };
  if (cache.size >= WORD_CACHE_MAX) cache.clear();
  cache.set(tok.text, rec);
  return rec;
}

export function makeDoc(index: PhraseIndex, body: string): Doc {
  const toks = tokenize(body);
  const recs = toks.map((t) => wordRec(index, t));
  return { body, toks, recs, words: recs.map((r) => r.key) };
}

/** Source offset of character `keyOffset` of token `t`'s key (they differ only when the word carries marks). */
export function src(doc: Doc, t: number, keyOffset: number): number {
  const tok = doc.toks[t]!;
  if (keyOffset === 0 || doc.words[t]!.length === tok.text.length) return tok.start + keyOffset;
  const n = normalize(tok.text);
  return tok.start + (keyOffset < n.starts.length ? n.starts[keyOffset]! : tok.text.length);
}
