import { normalizeKey, procliticSplits, type TokenKind } from '@akhbar/text';
import { hashString, mix } from './hash.js';
import { triggerClass } from './triggers.js';

/**
 * Corpus statistics of a word key: how often it was seen as O, PERS, LOC, ORG and MISC. In training the
 * counts come from the other folds only (cross-fold), so the features behave on training sentences as they
 * will on unseen text, where many names are words never seen before.
 */
export interface LexStats {
  get(key: string): ArrayLike<number> | undefined;
}

export const LEX_CLASSES = ['O', 'PERS', 'LOC', 'ORG', 'MISC'] as const;

/** Prefix of the lexicon entries that count whole words only (no proclitic stems folded in). */
export const WHOLE_WORD = '\u0001';

/** Prefix of the lexicon entries that count a word's appearances in gazetteer names, by type. */
export const LIST_WORD = '\u0002';

/** One token as the feature extractor sees it. `gz` is the gazetteer's BIO tag for it ('B-LOC') or ''. */
export interface FeatureToken {
  text: string;
  kind: TokenKind;
  gz: string;
}

// Template seeds: every feature is mix(template, value...). Names only document the templates.
const T = Object.fromEntries(
  [
    'b',
    'w',
    's',
    'p',
    'sh',
    'w-1',
    'w+1',
    'w-2',
    'w+2',
    's-1',
    's+1',
    'w-1w',
    'ww+1',
    'sh-1',
    'sh+1',
    't-1',
    't-2',
    't+1',
    't',
    'g',
    'g-1',
    'g+1',
    'sa',
    'pre',
    'suf',
    'c3',
    'nis',
    'nis-1',
    'lx',
    'lxs',
    'lx-1',
    'lx+1',
    'nis+1',
    'gzw',
    'dt',
    'dal',
    'dn',
    'x3',
  ].map((n) => [n, hashString(`template:${n}`)]),
) as Record<string, number>;

// What is known about one word, computed once per distinct word and shared by its neighbours' features.
interface WordInfo {
  key: string;
  /** Stem after the longest admissible proclitic prefix. */
  stem: string;
  prefix: string;
  /** Every stem reading (unsplit excluded). */
  stems: string[];
  trig: string;
  article: boolean;
  arabic: boolean;
  /** Hashes of key, stem, shape and trigger classes, and the nisba code (0 none, 1 m, 2 f, 3 pl). */
  hk: number;
  hs: number;
  hsh: number;
  ht: number;
  nis: number;
  /** Features that depend on the word alone. */
  own: number[];
}

function shapeOf(text: string, kind: TokenKind, key: string): string {
  const n = key.length;
  const len = n <= 3 ? String(n) : n <= 5 ? '45' : n <= 8 ? '68' : '9+';
  if (kind === 'latin') {
    const c = text.charCodeAt(0);
    return `L${c >= 65 && c <= 90 ? 'C' : 'l'}${len}`;
  }
  if (kind === 'arabic') return `A${len}`;
  if (kind === 'number') return `N${len}`;
  return kind === 'punct' ? `P${text}` : 'S';
}

// Relational-adjective (nisba) endings on a stem, in normalized form (ة folded to ه): الصيني، الروسية، المصريون.
function nisbaOf(stem: string): number {
  if (stem.length < 4) return 0;
  if (stem.endsWith('يون') || stem.endsWith('يين')) return 3;
  if (stem.endsWith('يه')) return 2;
  if (stem.endsWith('ي')) return 1;
  return 0;
}

function analyse(text: string, kind: TokenKind): WordInfo {
  const key = normalizeKey(text);
  let stem = key;
  let prefix = '';
  const stems: string[] = [];
  if (kind === 'arabic') {
    const splits = procliticSplits(key, 2);
    for (let i = 1; i < splits.length; i++) {
      const s = splits[i]!;
      stems.push(s.stem);
      if (s.prefix.length > prefix.length) {
        prefix = s.prefix;
        stem = s.stem;
      }
    }
  }
  const trig = kind === 'arabic' ? triggerClass(key, stems) : '';
  const shape = shapeOf(text, kind, key);
  const article = prefix.endsWith('ال') || prefix.endsWith('لل');
  const hk = hashString(key);
  const hs = hashString(stem);
  const hsh = hashString(shape);
  const ht = hashString(trig);
  const nis = kind === 'arabic' ? nisbaOf(stem) : 0;
  const own = [
    T.b!,
    mix(T.w!, hk),
    mix(T.s!, hs),
    mix(T.p!, hashString(prefix)),
    mix(T.sh!, hsh),
    mix(T.t!, ht),
  ];
  for (const s of stems) own.push(mix(T.sa!, hashString(s)));
  if (kind === 'arabic') {
    for (let k = 1; k <= 3 && k < stem.length; k++) {
      own.push(mix(mix(T.pre!, k), hashString(stem.slice(0, k))));
      own.push(mix(mix(T.suf!, k), hashString(stem.slice(-k))));
    }
    if (stem.length > 4) own.push(mix(mix(T.suf!, 4), hashString(stem.slice(-4))));
    // Letter trigrams of the stem: transliterated foreign names share sequences (ـيف، فيتش، ـوف، ـسكي).
    // Words are short; a 40-letter cap keeps a hostile run of one letter from costing a feature per letter.
    const b = `^${stem.length > 40 ? stem.slice(0, 40) : stem}$`;
    for (let k = 0; k + 3 <= b.length; k++) own.push(mix(T.c3!, hashString(b.slice(k, k + 3))));
    if (nis) own.push(mix(mix(T.nis!, nis), article ? 1 : 0));
  } else if (key.length > 1) {
    own.push(mix(T.x3!, hashString(key.slice(-3))));
  }
  return { key, stem, prefix, stems, trig, article, arabic: kind === 'arabic', hk, hs, hsh, ht, nis, own };
}

// Word analyses repeat across a text and a corpus; a bounded cache keeps them. Results never depend on
// the cache: it only saves recomputation.
const CACHE = new Map<string, WordInfo>();
const CACHE_MAX = 200_000;

function infoOf(text: string, kind: TokenKind): WordInfo {
  const ck = kind === 'arabic' ? text : `${kind}\u0000${text}`;
  let w = CACHE.get(ck);
  if (!w) {
    if (CACHE.size >= CACHE_MAX) CACHE.clear();
    w = analyse(text, kind);
    CACHE.set(ck, w);
  }
  return w;
}

/** The keys a token adds to corpus statistics: its normalized key and, when it has proclitics, its stem. */
export function lexKeys(text: string, kind: TokenKind): string[] {
  const w = infoOf(text, kind);
  return w.stem !== w.key ? [w.key, w.stem] : [w.key];
}

/**
 * What a document says about each word stem beyond one sentence: which trigger classes preceded it
 * somewhere, whether it ever took the article (names rarely do: بوش never appears as البوش), and how often
 * it occurs. A name introduced once by a title is then recognised when it recurs bare.
 */
export type DocStats = Map<string, { trig: string; article: boolean; count: number }>;

export function documentStats(sentences: ReadonlyArray<ReadonlyArray<WordHandle>>): DocStats {
  const out: DocStats = new Map();
  for (const words of sentences) {
    let prevTrig = '';
    for (const w of words) {
      if (w.arabic && w.stem.length >= 2) {
        let d = out.get(w.stem);
        if (!d) {
          d = { trig: '', article: false, count: 0 };
          out.set(w.stem, d);
        }
        d.count++;
        if (w.article) d.article = true;
        for (const c of prevTrig) if (!d.trig.includes(c)) d.trig += c;
      }
      prevTrig = w.trig;
    }
  }
  return out;
}

function lexFeatures(tpl: number, counts: ArrayLike<number> | undefined, out: number[]): void {
  let total = 0;
  if (counts) for (let c = 0; c < LEX_CLASSES.length; c++) total += counts[c]!;
  if (!counts || total === 0) {
    out.push(mix(tpl, 1));
    return;
  }
  const bucket = total === 1 ? 2 : total < 5 ? 3 : total < 20 ? 4 : 5;
  out.push(mix(tpl, bucket));
  // Class evidence is conjoined with the count bucket: one sighting as LOC weighs less than fifty.
  for (let c = 0; c < LEX_CLASSES.length; c++) {
    const r = counts[c]! / total;
    if (r >= 0.5) out.push(mix(mix(tpl, 10 + c), bucket));
    else if (r > 0) out.push(mix(mix(tpl, 20 + c), bucket));
  }
}

const PAD = analyse('<s>', 'symbol');
const END = analyse('</s>', 'symbol');
const H_NONE = hashString('-');
const H_O = hashString('O');

/**
 * Where a word stands relative to the token being tagged. Features that depend on one word at one relative
 * position are grouped by role, so the tagger can sum their weights once per distinct word and role.
 */
export const Role = { Own: 0, Prev1: 1, Prev2: 2, Next1: 3, Next2: 4 } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = 5;

function roleOf(w: WordInfo, role: Role, lex: LexStats | undefined, out: number[]): void {
  switch (role) {
    case Role.Own:
      for (const h of w.own) out.push(h);
      if (lex) {
        lexFeatures(T.lx!, lex.get(w.key), out);
        if (w.stem !== w.key) lexFeatures(T.lxs!, lex.get(w.stem), out);
        // Words of listed names (gazetteer aliases, split into words): a known first name or surname
        // inside an unlisted full name.
        const listed =
          lex.get(LIST_WORD + w.key) ?? (w.stem !== w.key ? lex.get(LIST_WORD + w.stem) : undefined);
        if (listed) for (let c = 1; c < 4; c++) if (listed[c]! > 0) out.push(mix(T.gzw!, c));
      }
      return;
    case Role.Prev1:
      out.push(mix(T['w-1']!, w.hk), mix(T['s-1']!, w.hs), mix(T['t-1']!, w.ht));
      if (w.nis) out.push(mix(T['nis-1']!, w.nis));
      if (lex) lexFeatures(T['lx-1']!, lex.get(w.key), out);
      return;
    case Role.Prev2:
      out.push(mix(T['w-2']!, w.hk), mix(T['t-2']!, w.ht));
      return;
    case Role.Next1:
      out.push(mix(T['w+1']!, w.hk), mix(T['s+1']!, w.hs), mix(T['t+1']!, w.ht));
      if (w.nis) out.push(mix(mix(T['nis+1']!, w.nis), w.article ? 1 : 0));
      if (lex) lexFeatures(T['lx+1']!, lex.get(w.key), out);
      return;
    case Role.Next2:
      out.push(mix(T['w+2']!, w.hk));
      return;
  }
}

/** A token's word analysis as an opaque handle, plus the sentence-edge pads, for per-word caches. */
export type WordHandle = WordInfo;
export const SENTENCE_START: WordHandle = PAD;
export const SENTENCE_END: WordHandle = END;
export function wordOf(text: string, kind: TokenKind): WordHandle {
  return infoOf(text, kind);
}

/** The word's normalized key followed by every proclitic stem reading of it. */
export function keyAndStems(w: WordHandle): readonly string[] {
  return [w.key, ...w.stems];
}

/** The features word `w` contributes in `role` (see Role). */
export function roleFeatures(w: WordHandle, role: Role, lex?: LexStats): number[] {
  const out: number[] = [];
  roleOf(w, role, lex, out);
  return out;
}

/** Features of token i that depend on two words, the gazetteer or the document (no per-word caching). */
export function contextFeatures(
  words: readonly WordHandle[],
  gzh: ArrayLike<number>,
  i: number,
  doc: DocStats | undefined,
  out: number[],
): void {
  const n = words.length;
  const w = words[i]!;
  const p1 = i > 0 ? words[i - 1]! : PAD;
  const n1 = i + 1 < n ? words[i + 1]! : END;
  const g = gzh[i]!;
  const gp = i > 0 ? gzh[i - 1]! : H_NONE;
  const gn = i + 1 < n ? gzh[i + 1]! : H_NONE;
  out.push(
    mix(mix(T['w-1w']!, p1.hk), w.hk),
    mix(mix(T['ww+1']!, w.hk), n1.hk),
    mix(mix(T['sh-1']!, p1.hsh), w.hsh),
    mix(mix(T['sh+1']!, w.hsh), n1.hsh),
    mix(T.g!, g),
    mix(mix(T['g-1']!, gp), g),
    mix(mix(T['g+1']!, g), gn),
  );
  const d = doc?.get(w.stem);
  if (d) {
    for (let k = 0; k < d.trig.length; k++) out.push(mix(T.dt!, d.trig.charCodeAt(k)));
    if (d.article) out.push(T.dal!);
    out.push(mix(T.dn!, d.count === 1 ? 1 : d.count < 4 ? 2 : 4));
  }
}

/** Hash of one gazetteer tag ('' counts as O). */
export function gazetteerHash(tag: string): number {
  return tag ? hashString(tag) : H_O;
}

/** Hashes of the gazetteer tags of a token sequence. */
export function gazetteerHashes(tokens: readonly FeatureToken[]): Uint32Array {
  return Uint32Array.from(tokens, (t) => gazetteerHash(t.gz));
}

/** Feature hashes of every token of a sentence, in CSR form: token i has feats[offsets[i] .. offsets[i+1]). */
export interface SentenceFeatures {
  offsets: Int32Array;
  feats: Uint32Array;
}

/**
 * The features of every token of one sentence. Templates: the word and its neighbours (±2) as normalized
 * keys, bigrams, clitic-split stems and prefixes, stem affixes and letter trigrams, word shape, nisba
 * endings, trigger-word classes of the neighbours, corpus statistics of the word and its neighbours
 * (`lex`), document statistics of the stem (`doc`), and the gazetteer's tag for the token and its
 * neighbours. Transition (previous-tag) features live in the decoder.
 */
export function sentenceFeatures(
  tokens: readonly FeatureToken[],
  lex?: LexStats,
  doc?: DocStats,
): SentenceFeatures {
  const n = tokens.length;
  const words = tokens.map((t) => infoOf(t.text, t.kind));
  const gzh = gazetteerHashes(tokens);
  const at = (i: number) => (i < 0 ? PAD : i >= n ? END : words[i]!);
  const offsets = new Int32Array(n + 1);
  const f: number[] = [];
  for (let i = 0; i < n; i++) {
    roleOf(words[i]!, Role.Own, lex, f);
    roleOf(at(i - 1), Role.Prev1, lex, f);
    roleOf(at(i - 2), Role.Prev2, lex, f);
    roleOf(at(i + 1), Role.Next1, lex, f);
    roleOf(at(i + 2), Role.Next2, lex, f);
    contextFeatures(words, gzh, i, doc, f);
    offsets[i + 1] = f.length;
  }
  return { offsets, feats: Uint32Array.from(f) };
}
