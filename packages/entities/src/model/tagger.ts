import { normalize, procliticSplits, type Token, tokenize } from '@akhbar/text';
import { gazetteerTags } from './align.js';
import {
  contextFeatures,
  type DocStats,
  documentStats,
  type FeatureToken,
  gazetteerHashes,
  ROLES,
  Role,
  roleFeatures,
  SENTENCE_END,
  SENTENCE_START,
  WHOLE_WORD,
  type WordHandle,
  wordOf,
} from './features.js';
import { FeatureTable } from './hash.js';
import { marginals, N_TAGS, TAGS, viterbi } from './perceptron.js';
import { bioToChunks, type Chunk } from './spans.js';
import { triggerClass } from './triggers.js';
import { CLASS_TO_TYPE, type GazetteerSpan, type ModelSpan, type NerClass } from './types.js';

/** A trained model in memory: feature dictionary, weights, and word statistics from the training corpus. */
export interface TrainedModel {
  /** Feature hash -> weight row (rows 0 .. size-1). */
  features: ReadonlyMap<number, number>;
  emission: Float32Array | Float64Array;
  transition: Float32Array | Float64Array;
  /** Word key -> counts as O, PERS, LOC, ORG, MISC over the training corpus. */
  lex: ReadonlyMap<string, Int32Array>;
  /** Softmax temperature for confidences. */
  temperature: number;
  info: ModelInfo;
}

export interface ModelInfo {
  format: string;
  version: number;
  corpus: string;
  licence: string;
  citation: string;
  epochs: number;
  seed: number;
  gazetteerFeatures: boolean;
  note: string;
}

/** The model half of the combination contract: createTagger({ model }) calls predict with its gazetteer spans. */
export interface NerModel {
  predict(body: string, tokens?: readonly Token[], gazetteerSpans?: readonly GazetteerSpan[]): ModelSpan[];
}

// Sentence breaks for decoding: the model was trained on sentences, and a cap bounds memory on hostile input.
const MAX_SENTENCE = 256;
const isEnd = (t: Token) =>
  t.kind === 'punct' && (t.text === '.' || t.text === '!' || t.text === '?' || t.text === '؟');
const REPORTED: ReadonlySet<string> = new Set(['PERS', 'LOC', 'ORG']);

function sentences(body: string, tokens: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    let cut = isEnd(t) || i - from + 1 >= MAX_SENTENCE || !next;
    if (!cut && next && body.slice(t.end, next.start).includes('\n')) cut = true;
    if (cut) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  return out;
}

/** How often a normalized word, standing alone, was seen inside a PERS, LOC or ORG name in training. */
function nameCount(lex: ReadonlyMap<string, Int32Array>, key: string): number {
  const c = lex.get(WHOLE_WORD + key);
  return c ? c[1]! + c[2]! + c[3]! : 0;
}

/**
 * How many leading code units of a name's first token are proclitics outside the name. Before the article
 * the conjunction or preposition goes (والصين -> الصين, بالقاهرة -> القاهرة); لل (ل + ال) goes whole, as the
 * gazetteer does (للصين -> صين); a bare proclitic goes when the stem, as a word of its own, is seen in names
 * at least twice and more often than the whole word (وروسيا -> روسيا, لبوتين -> بوتين; وانغ, بكين stay whole).
 */
function procliticCut(token: Token, lex: ReadonlyMap<string, Int32Array>): number {
  if (token.kind !== 'arabic') return 0;
  const n = normalize(token.text);
  const key = n.text;
  let cut = 0;
  for (const s of procliticSplits(key, 3)) {
    if (!s.prefix) continue;
    if (s.prefix.endsWith('لل')) cut = Math.max(cut, s.prefix.length);
    else if (s.prefix.endsWith('ال')) cut = Math.max(cut, s.prefix.length - 2);
    else if (!s.article) {
      const stem = nameCount(lex, s.stem);
      if (stem >= 2 && stem > nameCount(lex, key)) cut = Math.max(cut, s.prefix.length);
    }
  }
  if (!cut || cut >= n.starts.length) return 0;
  return n.starts[cut]!;
}

// Dual and plural endings, stripped to recognise a title word in any number (الوزيران، السفراء is not covered).
const NUMBER_SUFFIXES = ['ان', 'ين', 'ون', 'ات'];

/** A lone trigger word (الوزيران، المنظمة، المدينة) names a role or a kind of place, not an entity. */
function isTriggerWord(token: Token): boolean {
  if (token.kind !== 'arabic') return false;
  const key = normalize(token.text).text;
  const stems = procliticSplits(key, 2).map((s) => s.stem);
  for (const st of stems) {
    if (triggerClass(st, [])) return true;
    for (const suf of NUMBER_SUFFIXES)
      if (st.length > suf.length + 2 && st.endsWith(suf) && triggerClass(st.slice(0, -suf.length), []))
        return true;
  }
  return false;
}

/**
 * Splits a chunk where a second name starts after a conjunction or preposition (وانغ ولافروف، بوتين لشي):
 * at an inner token whose proclitic the stem outweighs (see procliticCut), or where a gazetteer span
 * starts; organisation names keep their inner proclitics (منظمة الأمم المتحدة للتربية والعلوم). Chunk offsets are sentence-relative; `base` is the sentence's first token in the text.
 */
function splitChunks(
  chunks: readonly Chunk[],
  tokens: readonly FeatureToken[],
  gz: readonly string[],
  base: number,
  lex: ReadonlyMap<string, Int32Array>,
): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    let from = c.start;
    for (let i = c.start + 1; i < c.end; i++) {
      const t = tokens[i]!;
      const g = gz[base + i] ?? '';
      const split =
        g.startsWith('B-') ||
        (c.type !== 'ORG' &&
          t.kind === 'arabic' &&
          procliticCut({ text: t.text, kind: t.kind, start: 0, end: t.text.length }, lex) > 0);
      if (split) {
        out.push({ start: from, end: i, type: c.type });
        from = i;
      }
    }
    out.push({ start: from, end: c.end, type: c.type });
  }
  return out;
}

/** Decodes text with a trained model. Pure: the model is read-only, so one instance may serve many callers. */
export class PerceptronTagger implements NerModel {
  private readonly table: FeatureTable;

  constructor(readonly model: TrainedModel) {
    const hashes = new Uint32Array(model.features.size);
    for (const [h, row] of model.features) hashes[row] = h;
    this.table = new FeatureTable(hashes);
  }

  /** Tag ids and marginals for one token sequence (features built from the tokens and gazetteer tags). */
  // Summed weights per distinct word and role (see Role): most features depend on one word at one relative
  // position, so their sum is computed once per word instead of once per token. Bounded; results never
  // depend on it.
  private readonly roleCache = new Map<WordHandle, Float64Array>();

  private roleSums(w: WordHandle): Float64Array {
    let v = this.roleCache.get(w);
    if (v) return v;
    if (this.roleCache.size >= 100_000) this.roleCache.clear();
    v = new Float64Array(ROLES * N_TAGS);
    const em = this.model.emission;
    for (let r = 0; r < ROLES; r++) {
      for (const h of roleFeatures(w, r as Role, this.model.lex)) {
        const row = this.table.get(h);
        if (row < 0) continue;
        for (let t = 0; t < N_TAGS; t++) v[r * N_TAGS + t]! += em[row * N_TAGS + t]!;
      }
    }
    this.roleCache.set(w, v);
    return v;
  }

  /** Tag ids and marginals for one token sequence (features built from the tokens and gazetteer tags). */
  decode(tokens: readonly FeatureToken[], doc?: DocStats): { tags: Uint8Array; marginals: Float64Array } {
    const n = tokens.length;
    const words = tokens.map((t) => wordOf(t.text, t.kind));
    const sums = words.map((w) => this.roleSums(w));
    const start = this.roleSums(SENTENCE_START);
    const end = this.roleSums(SENTENCE_END);
    const gzh = gazetteerHashes(tokens);
    const em = this.model.emission;
    const e = new Float64Array(n * N_TAGS);
    const ctx: number[] = [];
    const add = (i: number, v: Float64Array, role: number) => {
      for (let t = 0; t < N_TAGS; t++) e[i * N_TAGS + t]! += v[role * N_TAGS + t]!;
    };
    for (let i = 0; i < n; i++) {
      add(i, sums[i]!, Role.Own);
      add(i, i >= 1 ? sums[i - 1]! : start, Role.Prev1);
      add(i, i >= 2 ? sums[i - 2]! : start, Role.Prev2);
      add(i, i + 1 < n ? sums[i + 1]! : end, Role.Next1);
      add(i, i + 2 < n ? sums[i + 2]! : end, Role.Next2);
      ctx.length = 0;
      contextFeatures(words, gzh, i, doc, ctx);
      for (const h of ctx) {
        const row = this.table.get(h);
        if (row < 0) continue;
        for (let t = 0; t < N_TAGS; t++) e[i * N_TAGS + t]! += em[row * N_TAGS + t]!;
      }
    }
    const tags = viterbi(e, n, this.model.transition);
    return { tags, marginals: marginals(e, n, this.model.transition, this.model.temperature) };
  }

  predict(body: string, tokens?: readonly Token[], gazetteerSpans?: readonly GazetteerSpan[]): ModelSpan[] {
    if (typeof body !== 'string') throw new TypeError('predict expects the article body as a string');
    const toks = tokens ?? tokenize(body);
    const gz = gazetteerTags(toks, gazetteerSpans);
    const out: ModelSpan[] = [];
    const sents = sentences(body, toks);
    const ftoks = sents.map(([a, b]) => {
      const slice: FeatureToken[] = [];
      for (let i = a; i < b; i++) slice.push({ text: toks[i]!.text, kind: toks[i]!.kind, gz: gz[i]! });
      return slice;
    });
    const doc = documentStats(ftoks);
    sents.forEach(([a], k) => {
      const { tags, marginals: m } = this.decode(ftoks[k]!, doc);
      const names = Array.from(tags, (t) => TAGS[t]!);
      for (const c of splitChunks(bioToChunks(names), ftoks[k]!, gz, a, this.model.lex)) {
        if (!REPORTED.has(c.type)) continue;
        const first = toks[a + c.start]!;
        const last = toks[a + c.end - 1]!;
        if (c.end - c.start === 1 && isTriggerWord(first)) continue;
        // A name joined to a number by a hyphen is a designation (كوفيد-19، إف-16، بوينغ-747), MISC in
        // ANERcorp's scheme, not a person, place or organisation.
        const next = toks[a + c.end];
        const after = toks[a + c.end + 1];
        if (
          next?.text === '-' &&
          next.start === last.end &&
          after?.kind === 'number' &&
          after.start === next.end
        )
          continue;
        let conf = 0;
        for (let i = c.start; i < c.end; i++) conf += m[i * N_TAGS + tags[i]!]!;
        out.push({
          start: first.start + procliticCut(first, this.model.lex),
          end: last.end,
          type: CLASS_TO_TYPE[c.type as NerClass],
          confidence: Math.round((conf / (c.end - c.start)) * 1000) / 1000,
        });
      }
    });
    return out;
  }
}
