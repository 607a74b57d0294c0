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
  type WordHandle,
  wordOf,
} from './features.js';
import { FeatureTable } from './hash.js';
import { marginals, N_TAGS, TAGS, viterbi } from './perceptron.js';
import { bioToChunks } from './spans.js';
import { CLASS_TO_TYPE, type GazetteerSpan, type ModelSpan, type NerClass } from './types.js';

/** A trained model in memory: feature dictionary, weights, and the lexicon of words seen inside names. */
export interface TrainedModel {
  /** Feature hash -> weight row (rows 0 .. size-1). */
  features: ReadonlyMap<number, number>;
  emission: Float32Array | Float64Array;
  transition: Float32Array | Float64Array;
  /** Normalized keys of words seen inside PERS/LOC/ORG names in training (for proclitic stripping). */
  nameWords: ReadonlySet<string>;
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

/**
 * Where a name starts inside its first token. A conjunction or preposition before the article is not part
 * of the name (والصين -> الصين, بالقاهرة -> القاهرة); a bare proclitic is dropped only when the stem is a
 * word the model saw inside names and the whole word is not (وبكين -> بكين, but وانغ stays whole).
 */
function nameStart(token: Token, nameWords: ReadonlySet<string>): number {
  if (token.kind !== 'arabic') return token.start;
  const n = normalize(token.text);
  const key = n.text;
  const known = nameWords.has(key);
  let cut = 0;
  for (const s of procliticSplits(key, 3)) {
    if (!s.prefix) continue;
    if (s.prefix.endsWith('ال') && s.prefix.length > 2) cut = Math.max(cut, s.prefix.length - 2);
    else if (!s.article && !known && nameWords.has(s.stem)) cut = Math.max(cut, s.prefix.length);
  }
  if (!cut || cut >= n.starts.length) return token.start;
  return token.start + n.starts[cut]!;
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
      for (const c of bioToChunks(names)) {
        if (!REPORTED.has(c.type)) continue;
        let conf = 0;
        for (let i = c.start; i < c.end; i++) conf += m[i * N_TAGS + tags[i]!]!;
        const first = toks[a + c.start]!;
        const start = nameStart(first, this.model.nameWords);
        out.push({
          start,
          end: toks[a + c.end - 1]!.end,
          type: CLASS_TO_TYPE[c.type as NerClass],
          confidence: Math.round((conf / (c.end - c.start)) * 1000) / 1000,
        });
      }
    });
    return out;
  }
}
