import { normalizeKey, procliticSplits, type TokenKind } from '@akhbar/text';
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

function lexFeatures(name: string, counts: ArrayLike<number> | undefined, out: string[]): void {
  let total = 0;
  if (counts) for (let c = 0; c < LEX_CLASSES.length; c++) total += counts[c]!;
  if (!counts || total === 0) {
    out.push(`${name}=unk`);
    return;
  }
  out.push(`${name}#${total === 1 ? '1' : total < 5 ? '2' : total < 20 ? '5' : '20'}`);
  for (let c = 0; c < LEX_CLASSES.length; c++) {
    const r = counts[c]! / total;
    if (r >= 0.5) out.push(`${name}=${LEX_CLASSES[c]}+`);
    else if (r > 0) out.push(`${name}=${LEX_CLASSES[c]}-`);
  }
}

/** One token as the feature extractor sees it. `gz` is the gazetteer's BIO tag for it ('B-LOC') or ''. */
export interface FeatureToken {
  text: string;
  kind: TokenKind;
  gz: string;
}

// What is known about one word, computed once per token and shared by its neighbours' features.
interface WordInfo {
  key: string;
  /** Stem after the longest admissible proclitic prefix. */
  stem: string;
  prefix: string;
  /** Every stem reading (unsplit excluded). */
  stems: string[];
  trig: string;
  shape: string;
}

function shapeOf(t: FeatureToken, key: string): string {
  const n = key.length;
  const len = n <= 3 ? String(n) : n <= 5 ? '45' : n <= 8 ? '68' : '9+';
  if (t.kind === 'latin') {
    const c = t.text.charCodeAt(0);
    return `L${c >= 65 && c <= 90 ? 'C' : 'l'}${len}`;
  }
  if (t.kind === 'arabic') return `A${len}`;
  if (t.kind === 'number') return `N${len}`;
  return t.kind === 'punct' ? `P${t.text}` : 'S';
}

// Word analyses repeat across a text (and across a corpus); a bounded cache keeps them. Results do not
// depend on the cache: it only saves recomputation.
const INFO_CACHE = new Map<string, WordInfo>();
const INFO_CACHE_MAX = 200_000;

function infoOf(t: FeatureToken): WordInfo {
  const ck = t.kind === 'arabic' ? t.text : `${t.kind}\u0000${t.text}`;
  let w = INFO_CACHE.get(ck);
  if (!w) {
    if (INFO_CACHE.size >= INFO_CACHE_MAX) INFO_CACHE.clear();
    w = analyse(t);
    INFO_CACHE.set(ck, w);
  }
  return w;
}

function analyse(t: FeatureToken): WordInfo {
  const key = normalizeKey(t.text);
  if (t.kind !== 'arabic') return { key, stem: key, prefix: '', stems: [], trig: '', shape: shapeOf(t, key) };
  const splits = procliticSplits(key, 2);
  const stems: string[] = [];
  let stem = key;
  let prefix = '';
  for (let i = 1; i < splits.length; i++) {
    const s = splits[i]!;
    stems.push(s.stem);
    if (s.prefix.length > prefix.length) {
      prefix = s.prefix;
      stem = s.stem;
    }
  }
  return { key, stem, prefix, stems, trig: triggerClass(key, stems), shape: shapeOf(t, key) };
}

// Relational-adjective (nisba) endings on a stem, in normalized form (ة folded to ه): الصيني، الروسية، المصريون.
function nisbaOf(stem: string): string {
  const n = stem.length;
  if (n < 4) return '';
  if (stem.endsWith('يون') || stem.endsWith('يين')) return 'pl';
  if (stem.endsWith('يه')) return 'f';
  if (stem.endsWith('ي')) return 'm';
  return '';
}

/** The keys a token adds to corpus statistics: its normalized key and, when it has proclitics, its stem. */
export function lexKeys(text: string, kind: TokenKind): string[] {
  const w = infoOf({ text, kind, gz: '' });
  return w.stem !== w.key ? [w.key, w.stem] : [w.key];
}

/**
 * What a document says about each word stem beyond one sentence: which trigger classes preceded it
 * somewhere, whether it ever took the article (names rarely do: بوش never appears as البوش), and how often
 * it occurs. A name introduced once by a title is then recognised when it recurs bare.
 */
export type DocStats = Map<string, { trig: string; article: boolean; count: number }>;

export function documentStats(sentences: ReadonlyArray<readonly FeatureToken[]>): DocStats {
  const out: DocStats = new Map();
  for (const toks of sentences) {
    let prev: WordInfo = PAD;
    for (const t of toks) {
      const w = infoOf(t);
      if (t.kind === 'arabic' && w.stem.length >= 2) {
        let d = out.get(w.stem);
        if (!d) {
          d = { trig: '', article: false, count: 0 };
          out.set(w.stem, d);
        }
        d.count++;
        if (w.prefix.endsWith('ال') || w.prefix.endsWith('لل')) d.article = true;
        for (const c of prev.trig) if (!d.trig.includes(c)) d.trig += c;
      }
      prev = w;
    }
  }
  return out;
}

const PAD: WordInfo = { key: '<s>', stem: '<s>', prefix: '', stems: [], trig: '', shape: '<s>' };
const END: WordInfo = { key: '</s>', stem: '</s>', prefix: '', stems: [], trig: '', shape: '</s>' };

/**
 * The feature strings of every token of one sentence. Templates: the word and its neighbours (±2) as
 * normalized keys, bigrams, clitic-split stems and prefixes, stem affixes, word shape, nisba endings,
 * trigger-word classes of the neighbours, and the gazetteer's tag for the token and its neighbours.
 * Transition (previous-tag) features live in the decoder.
 */
export function sentenceFeatures(
  tokens: readonly FeatureToken[],
  lex?: LexStats,
  doc?: DocStats,
): string[][] {
  const info = tokens.map(infoOf);
  const at = (i: number) => (i < 0 ? PAD : i >= info.length ? END : info[i]!);
  const gz = (i: number) => (i < 0 || i >= tokens.length ? '-' : tokens[i]!.gz || 'O');
  const out: string[][] = [];
  for (let i = 0; i < info.length; i++) {
    const w = info[i]!;
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const f: string[] = [
      'b',
      `w=${w.key}`,
      `s=${w.stem}`,
      `p=${w.prefix}`,
      `sh=${w.shape}`,
      `w-1=${p1.key}`,
      `w+1=${n1.key}`,
      `w-2=${p2.key}`,
      `w+2=${n2.key}`,
      `s-1=${p1.stem}`,
      `s+1=${n1.stem}`,
      `w-1w=${p1.key}|${w.key}`,
      `ww+1=${w.key}|${n1.key}`,
      `sh-1=${p1.shape}|${w.shape}`,
      `sh+1=${w.shape}|${n1.shape}`,
      `t-1=${p1.trig}`,
      `t-2=${p2.trig}`,
      `t+1=${n1.trig}`,
      `t=${w.trig}`,
      `g=${gz(i)}`,
      `g-1=${gz(i - 1)}|${gz(i)}`,
      `g+1=${gz(i)}|${gz(i + 1)}`,
    ];
    for (const s of w.stems) f.push(`sa=${s}`);
    const d = doc?.get(w.stem);
    if (d) {
      for (const c of d.trig) f.push(`dt=${c}`);
      if (d.article) f.push('dal');
      f.push(`dn=${d.count === 1 ? 1 : d.count < 4 ? 2 : 4}`);
    }
    if (lex) {
      lexFeatures('lx', lex.get(w.key), f);
      if (w.stem !== w.key) lexFeatures('lxs', lex.get(w.stem), f);
      lexFeatures('lx-1', lex.get(p1.key), f);
      lexFeatures('lx+1', lex.get(n1.key), f);
    }
    const st = w.stem;
    if (w.shape.charCodeAt(0) === 65 /* A */) {
      for (let k = 1; k <= 3 && k < st.length; k++) {
        f.push(`pre${k}=${st.slice(0, k)}`);
        f.push(`suf${k}=${st.slice(-k)}`);
      }
      if (st.length > 4) f.push(`suf4=${st.slice(-4)}`);
      // Letter trigrams of the stem: transliterated foreign names share sequences (ـيف، فيتش، ـوف، ـسكي).
      const b = `^${st}$`;
      for (let k = 0; k + 3 <= b.length; k++) f.push(`c3=${b.slice(k, k + 3)}`);
      const nis = nisbaOf(st);
      if (nis) f.push(`nis=${nis}|${w.prefix.endsWith('ال') || w.prefix.endsWith('لل') ? 'al' : ''}`);
      const nisPrev = nisbaOf(p1.stem);
      if (nisPrev) f.push(`nis-1=${nisPrev}`);
    } else if (w.key.length > 1) {
      f.push(`suf3=${w.key.slice(-3)}`);
    }
    out.push(f);
  }
  return out;
}
