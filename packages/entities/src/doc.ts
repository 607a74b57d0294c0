import {
  isWordKind,
  keyHash,
  normalize,
  normalizeKey,
  procliticSplits,
  scanTokens,
  type TokenKind,
} from '@akhbar/text';
import type { PatternSet, PhraseIndex, TrieNode } from './index-build.js';
import { isCue, type WordTests, wordTests } from './words.js';

// First letters of a proclitic (و ف ب ل ك and the ا of ال): other words are never split.
const CLITIC_FIRST = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'ا']);

export interface Reading {
  stem: string;
  offset: number;
  article: boolean;
  /** The trie node of the stem (the first token of every phrase the reading can start). */
  node: TrieNode;
}

export interface Candidate {
  /** Token index after the last token. */
  end: number;
  reading: Reading;
  patterns: PatternSet;
}

/** What the tagger needs to know about one distinct word, computed once per tagger and word. */
export interface WordRec {
  /** The token as written in the body. */
  raw: string;
  /** The normalized key. */
  key: string;
  kind: TokenKind;
  /** Whether the token is a word or a number (isWordKind of @akhbar/text), not punctuation or a symbol. */
  word: boolean;
  /** keyHash (@akhbar/text) of the word: a 32-bit hash of its key, for callers' shingles (see wordKeyHashes). */
  hash: number;
  /** Readings (unsplit, then proclitics split off) whose stem starts a gazetteer phrase. */
  readings: Reading[];
  /** Whether the word can open a discovery (a trigger, a title word or a nisba). */
  cue: boolean;
  /** The key's id in PhraseIndex.wordIds; -1 when the key continues no phrase. */
  id: number;
  /** Discovery's tests of the word, once asked (see testsOf). */
  tests: WordTests | undefined;
}

/**
 * Discovery's tests of a token's word, worked out the first time discovery visits the word and then kept
 * on its record: one field read per visit instead of a memo look-up per test (speed).
 */
export function testsOf(rec: WordRec): WordTests {
  rec.tests ??= wordTests(rec.key);
  return rec.tests;
}

/**
 * A body as tokens: token i starts at starts[i] and is the word of record recs[i] (its key: recs[i].key).
 * Two arrays instead of one object per token: tagging makes no object or string per token it reads.
 */
export interface Doc {
  body: string;
  /** Number of tokens. */
  n: number;
  starts: Int32Array;
  recs: WordRec[];
}

const NO_READINGS: Reading[] = [];
const WORD_CACHE_MAX = 200_000;

function makeRec(index: PhraseIndex, raw: string, kind: TokenKind): WordRec {
  const key = normalizeKey(raw);
  let readings: Reading[] = NO_READINGS;
  if (kind !== 'arabic' || !CLITIC_FIRST.has(key[0]!)) {
    const node = index.root.get(key);
    if (node) readings = [{ stem: key, offset: 0, article: false, node }];
  } else {
    for (const r of procliticSplits(key)) {
      const node = index.root.get(r.stem);
      if (!node) continue;
      if (readings === NO_READINGS) readings = [];
      readings.push({ stem: r.stem, offset: r.offset, article: r.article, node });
    }
  }
  return {
    raw,
    key,
    kind,
    word: isWordKind(kind),
    hash: keyHash(raw),
    readings,
    cue: isCue(key),
    id: index.wordIds.get(key) ?? -1,
    tests: undefined,
  };
}

/** Int32 fields per slot of the word cache's table (see WordCache). */
const SLOT = 8;
/** Code units of a word kept in its slot, two per field. */
const INLINE_UNITS = 10;

/** A token kind as a small number, stored beside a word's length in its slot. */
function kindCode(kind: TokenKind): number {
  return kind === 'arabic' ? 1 : kind === 'latin' ? 2 : kind === 'number' ? 3 : kind === 'punct' ? 4 : 5;
}

/**
 * The tagger's word cache: word records by the token as written, in an open-addressing table keyed by a
 * hash of the token's code units. Written by hand (not a Map of strings) for speed: a look-up hashes and
 * compares the token in place in the body, so a word seen before costs no substring and no allocation.
 * Each slot holds, in one typed array, the hash, the length and kind, the record's number and the
 * word's first INLINE_UNITS code units, so a hit on a short word reads one slot and the record: with
 * the tens of thousands of words of real news, the table, the records and their strings no longer fit
 * in the processor's caches, and the records and strings the old layout read first were each a miss.
 * Bounded: at WORD_CACHE_MAX words it starts again empty.
 */
export class WordCache {
  private table = new Int32Array(SLOT << 12);
  private mask = (1 << 12) - 1;
  private recs: WordRec[] = [];

  /** The record of body.slice(start, end), a token of kind `kind`, made on first sight. */
  get(index: PhraseIndex, body: string, start: number, end: number, kind: TokenKind): WordRec {
    // FNV-1a over UTF-16 code units.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193);
    const len = end - start;
    const lk = len * 8 + kindCode(kind);
    const t = this.table;
    let slot = h & this.mask;
    for (;;) {
      const o = slot * SLOT;
      const n = t[o + 2]!;
      if (n === 0) break;
      if (t[o] === h && t[o + 1] === lk && this.holds(o, n - 1, body, start, len)) return this.recs[n - 1]!;
      slot = (slot + 1) & this.mask;
    }
    if (this.recs.length >= WORD_CACHE_MAX) {
      this.clear();
      slot = h & this.mask;
    } else if (2 * (this.recs.length + 1) > this.mask + 1) {
      this.grow();
      slot = h & this.mask;
      while (this.table[slot * SLOT + 2] !== 0) slot = (slot + 1) & this.mask;
    }
    const rec = makeRec(index, body.slice(start, end), kind);
    this.recs.push(rec);
    const o = slot * SLOT;
    const u = this.table;
    u[o] = h;
    u[o + 1] = lk;
    u[o + 2] = this.recs.length;
    for (let k = 0; k < INLINE_UNITS && k < len; k++)
      u[o + 3 + (k >> 1)]! |= body.charCodeAt(start + k) << ((k & 1) << 4);
    return rec;
  }

  /** Whether the word in the slot at `o` (record number `r`) is body.slice(start, start + len), of that length. */
  private holds(o: number, r: number, body: string, start: number, len: number): boolean {
    const t = this.table;
    const inline = Math.min(len, INLINE_UNITS);
    for (let k = 0; k < inline; k++)
      if (((t[o + 3 + (k >> 1)]! >>> ((k & 1) << 4)) & 0xffff) !== body.charCodeAt(start + k)) return false;
    if (len <= INLINE_UNITS) return true;
    const raw = this.recs[r]!.raw;
    for (let k = INLINE_UNITS; k < len; k++)
      if (raw.charCodeAt(k) !== body.charCodeAt(start + k)) return false;
    return true;
  }

  private clear(): void {
    this.table = new Int32Array(SLOT << 12);
    this.mask = (1 << 12) - 1;
    this.recs = [];
  }

  private grow(): void {
    const old = this.table;
    const size = 2 * (this.mask + 1);
    const t = new Int32Array(SLOT * size);
    const mask = size - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + 2] === 0) continue;
      let slot = old[o]! & mask;
      while (t[slot * SLOT + 2] !== 0) slot = (slot + 1) & mask;
      t.set(old.subarray(o, o + SLOT), slot * SLOT);
    }
    this.table = t;
    this.mask = mask;
  }
}

export function makeDoc(index: PhraseIndex, body: string): Doc {
  const cache = index.wordCache;
  // Sized for news (about 5 characters a token) so that the arrays rarely grow while scanning (speed).
  let starts = new Int32Array((body.length >> 2) + 16);
  const recs: WordRec[] = new Array(starts.length);
  let n = 0;
  scanTokens(body, (start, end, kind) => {
    if (n === starts.length) {
      const more = new Int32Array(2 * n);
      more.set(starts);
      starts = more;
    }
    starts[n] = start;
    recs[n++] = cache.get(index, body, start, end, kind);
  });
  recs.length = n;
  return { body, n, starts, recs };
}

/** keyHash of each word and number token of the doc, in order: read off the word records, not the body. */
export function wordKeyHashes(doc: Doc): Uint32Array {
  const out = new Uint32Array(doc.n);
  let w = 0;
  for (let t = 0; t < doc.n; t++) {
    const rec = doc.recs[t]!;
    if (rec.word) out[w++] = rec.hash;
  }
  return out.subarray(0, w);
}

/** Source offset just after token t. */
export function tokenEnd(doc: Doc, t: number): number {
  return doc.starts[t]! + doc.recs[t]!.raw.length;
}

/** Source offset of character `keyOffset` of token `t`'s key (they differ only when the word carries marks). */
export function src(doc: Doc, t: number, keyOffset: number): number {
  const { raw, key } = doc.recs[t]!;
  const start = doc.starts[t]!;
  if (keyOffset === 0 || key.length === raw.length) return start + keyOffset;
  const n = normalize(raw);
  return start + (keyOffset < n.starts.length ? n.starts[keyOffset]! : raw.length);
}
