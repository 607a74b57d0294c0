import { normalize, procliticSplits, type Token, tokenize } from '@akhbar/text';
import { gazetteerTags } from './align.js';
import {
  contextFeatures,
  type DocStats,
  documentStats,
  gazetteerHash,
  keyAndStems,
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
import { nonLocalFeatures, tagCounts } from './nonlocal.js';
import { marginals, N_TAGS, TAGS, viterbi, Workspace } from './perceptron.js';
import { bioToChunks, type Chunk } from './spans.js';
import { isStockPhrase } from './stock.js';
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
  /** The second stage (see nonlocal.ts): local and non-local features, decoded after the first. */
  stage2?: SecondStage;
}

/** Per-token feature hashes: token i has feats[offsets[i] .. offsets[i+1]). */
type Csr = { offsets: Int32Array; feats: Uint32Array };

/** Weights of the second stage (it shares the first's word statistics and temperature). */
export interface SecondStage {
  features: ReadonlyMap<number, number>;
  emission: Float32Array | Float64Array;
  transition: Float32Array | Float64Array;
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
  /** Which gazetteer the model was trained beside (e.g. 'sha256:...' of its entries); retrain when it changes. */
  gazetteerVersion?: string;
  note: string;
}

/** The model half of the combination contract: createTagger({ model }) calls predict with its gazetteer spans. */
export interface NerModel {
  predict(body: string, tokens?: readonly Token[], gazetteerSpans?: readonly GazetteerSpan[]): ModelSpan[];
}

// Local copies of module constants: hot loops read them on every token.
const NT = N_TAGS;
const OWN = Role.Own * N_TAGS;
const PREV1 = Role.Prev1 * N_TAGS;
const PREV2 = Role.Prev2 * N_TAGS;
const NEXT1 = Role.Next1 * N_TAGS;
const NEXT2 = Role.Next2 * N_TAGS;

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
 * more often than the whole word (وروسيا -> روسيا, لبوتين -> بوتين; وانغ, بكين stay whole), and a و that
 * joins two names goes (خالد العنزي وسعاد المالكي: `afterName`).
 */
function procliticCut(token: Token, lex: ReadonlyMap<string, Int32Array>, afterName = false): number {
  if (token.kind !== 'arabic') return 0;
  const n = normalize(token.text);
  const key = n.text;
  let cut = afterName && key.length > 3 && key.charCodeAt(0) === 0x0648 /* و */ ? 1 : 0;
  for (const s of procliticSplits(key, 3)) {
    if (!s.prefix) continue;
    if (s.prefix.endsWith('لل')) cut = Math.max(cut, s.prefix.length);
    else if (s.prefix.endsWith('ال')) cut = Math.max(cut, s.prefix.length - 2);
    else if (!s.article && !s.prefix.includes('ك')) {
      // ك (as, like) before a name is rare and كريم، كمال، كامل are names: it never goes.
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
function isTriggerWord(w: WordHandle): boolean {
  for (const st of keyAndStems(w)) {
    if (triggerClass(st, [])) return true;
    for (const suf of NUMBER_SUFFIXES)
      if (st.length > suf.length + 2 && st.endsWith(suf) && triggerClass(st.slice(0, -suf.length), []))
        return true;
  }
  return false;
}

/** The span's first word and the word after it form a stock phrase (حسن الجوار، خالص التحيات). */
function opensStockPhrase(w: WordHandle, next: WordHandle | undefined): boolean {
  if (!next || !w.arabic) return false;
  return keyAndStems(w).some((k) => isStockPhrase(k, next.key));
}

/**
 * Splits a chunk where a second name starts after a conjunction or preposition (وانغ ولافروف، بوتين لشي):
 * at an inner token whose proclitic the stem outweighs (see procliticCut), or where a gazetteer span
 * starts (a listed person: وانغ ولافروف); organisation names keep their inner proclitics (منظمة الأمم المتحدة للتربية والعلوم). Chunk offsets are sentence-relative; `base` is the sentence's first token in the text.
 */
function splitChunks(
  chunks: readonly Chunk[],
  tokens: readonly Token[],
  gz: readonly string[],
  base: number,
  lex: ReadonlyMap<string, Int32Array>,
): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    let from = c.start;
    for (let i = c.start + 1; i < c.end; i++) {
      const t = tokens[base + i]!;
      const g = gz[base + i] ?? '';
      const split =
        (c.type === 'PERS' && g === 'B-PERS') ||
        (c.type !== 'ORG' && t.kind === 'arabic' && procliticCut(t, lex) > 0);
      if (split) {
        out.push({ start: from, end: i, type: c.type });
        from = i;
      }
    }
    out.push({ start: from, end: c.end, type: c.type });
  }
  return out;
}

/**
 * Decodes text with a trained model. predict is a pure function of its input: the instance holds only the
 * read-only model, caches and scratch buffers, so one instance may serve a whole run.
 */
export class PerceptronTagger implements NerModel {
  private readonly table: FeatureTable;

  private readonly second: PerceptronTagger | undefined;

  constructor(readonly model: TrainedModel) {
    const hashes = new Uint32Array(model.features.size);
    for (const [h, row] of model.features) hashes[row] = h;
    this.table = new FeatureTable(hashes);
    if (model.stage2) this.second = new PerceptronTagger({ ...model, ...model.stage2, stage2: undefined });
  }

  // Summed weights per distinct word and role (see Role): most features depend on one word at one relative
  // position, so their sum is computed once per word instead of once per token. Bounded; results never
  // depend on it.
  private readonly roleCache = new Map<WordHandle, Float64Array>();
  private readonly ctx: number[] = [];
  private readonly ws = new Workspace();

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

  /**
   * Best tags for one sentence, given its word handles (see wordOf), the hashes of its gazetteer tags and
   * the document statistics. Returns the tag ids and the emission scores (for marginals).
   */
  /** Context feature hashes of a sentence (CSR): computed once, read by both stages. */
  contextOf(words: readonly WordHandle[], gzh: ArrayLike<number>, doc: DocStats | undefined): Csr {
    const n = words.length;
    const ctx = this.ctx;
    ctx.length = 0;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      contextFeatures(words, gzh, i, doc, ctx);
      offsets[i + 1] = ctx.length;
    }
    return { offsets, feats: Uint32Array.from(ctx) };
  }

  decode(
    words: readonly WordHandle[],
    gzh: ArrayLike<number>,
    doc: DocStats | undefined,
    extra?: Csr,
    ctx: Csr = this.contextOf(words, gzh, doc),
  ): { tags: Uint8Array; emission: Float64Array } {
    const n = words.length;
    const start = this.roleSums(SENTENCE_START);
    const end = this.roleSums(SENTENCE_END);
    const sums: Float64Array[] = new Array(n);
    for (let i = 0; i < n; i++) sums[i] = this.roleSums(words[i]!);
    const em = this.model.emission;
    const e = this.ws.f64(5, n * NT);
    const table = this.table;
    const add = (o: number, h: number) => {
      const row = table.get(h);
      if (row < 0) return;
      const r = row * NT;
      for (let t = 0; t < NT; t++) e[o + t]! += em[r + t]!;
    };
    for (let i = 0; i < n; i++) {
      const o = i * NT;
      const own = sums[i]!;
      const p1 = i >= 1 ? sums[i - 1]! : start;
      const p2 = i >= 2 ? sums[i - 2]! : start;
      const n1 = i + 1 < n ? sums[i + 1]! : end;
      const n2 = i + 2 < n ? sums[i + 2]! : end;
      for (let t = 0; t < NT; t++) {
        e[o + t] = own[OWN + t]! + p1[PREV1 + t]! + p2[PREV2 + t]! + n1[NEXT1 + t]! + n2[NEXT2 + t]!;
      }
      for (let k = ctx.offsets[i]!; k < ctx.offsets[i + 1]!; k++) add(o, ctx.feats[k]!);
      if (extra) for (let k = extra.offsets[i]!; k < extra.offsets[i + 1]!; k++) add(o, extra.feats[k]!);
    }
    return { tags: viterbi(e, n, this.model.transition, this.ws), emission: e };
  }

  predict(body: string, tokens?: readonly Token[], gazetteerSpans?: readonly GazetteerSpan[]): ModelSpan[] {
    if (typeof body !== 'string') throw new TypeError('predict expects the article body as a string');
    const toks = tokens ?? tokenize(body);
    const lastTok = toks[toks.length - 1];
    if (lastTok && (lastTok.end > body.length || body.slice(lastTok.start, lastTok.end) !== lastTok.text)) {
      throw new Error(
        'predict: the tokens are not tokens of this body (offsets do not match); pass tokenize(body) or omit them',
      );
    }
    const gz = gazetteerTags(toks, gazetteerSpans);
    const gzh = Uint32Array.from(gz, gazetteerHash);
    const words = toks.map((t) => wordOf(t.text, t.kind));
    const out: ModelSpan[] = [];
    const sents = sentences(body, toks);
    const doc = documentStats(sents.map(([a, b]) => words.slice(a, b)));
    // With a second stage, the first tags every sentence and the second decodes each again, also seeing
    // how the first tagged the same words elsewhere in the text.
    const second = this.second;
    const parts = sents.map(([a, b]) => {
      const w = words.slice(a, b);
      const g = gzh.subarray(a, b);
      return { words: w, gzh: g, ctx: this.contextOf(w, g, doc) };
    });
    let extras: Csr[] | undefined;
    if (second) {
      const first = parts.map((p) => this.decode(p.words, p.gzh, doc, undefined, p.ctx).tags);
      const counts = tagCounts(parts.map((p, k) => ({ words: p.words, tags: first[k]! })));
      extras = parts.map((p, k) => nonLocalFeatures(p.words, first[k]!, counts));
    }
    const stage = second ?? this;
    for (let k = 0; k < sents.length; k++) {
      const [a, b] = sents[k]!;
      const p = parts[k]!;
      const { tags, emission } = stage.decode(p.words, p.gzh, doc, extras?.[k], p.ctx);
      let chunks = bioToChunks(Array.from(tags, (t) => TAGS[t]!)).filter((c) => REPORTED.has(c.type));
      if (!chunks.length) continue;
      chunks = splitChunks(chunks, toks, gz, a, this.model.lex);
      const m = marginals(emission, b - a, stage.model.transition, this.model.temperature, this.ws);
      for (let j = 0; j < chunks.length; j++) {
        const c = chunks[j]!;
        const prev = chunks[j - 1];
        const afterName = prev !== undefined && prev.end === c.start && prev.type === c.type;
        const first = toks[a + c.start]!;
        const last = toks[a + c.end - 1]!;
        if (c.end - c.start === 1 && first.kind === 'arabic' && isTriggerWord(words[a + c.start]!)) continue;
        if (opensStockPhrase(words[a + c.start]!, words[a + c.start + 1])) continue;
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
          start: first.start + procliticCut(first, this.model.lex, afterName),
          end: last.end,
          type: CLASS_TO_TYPE[c.type as NerClass],
          confidence: Math.round((conf / (c.end - c.start)) * 1000) / 1000,
        });
      }
    }
    return out;
  }
}
