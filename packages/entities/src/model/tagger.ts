import { normalize, procliticSplits, type Token, tokenize } from '@akhbar/text';
import { gazetteerTags } from './align.js';
import { type DocStats, documentStats, type FeatureToken, sentenceFeatures } from './features.js';
import { emissionScores, marginals, N_TAGS, TAGS, viterbi } from './perceptron.js';
import { bioToChunks } from './spans.js';
import { CLASS_TO_TYPE, type GazetteerSpan, type ModelSpan, type NerClass } from './types.js';

/** A trained model in memory: feature dictionary, weights, and the lexicon of words seen inside names. */
export interface TrainedModel {
  features: Map<string, number>;
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
  constructor(readonly model: TrainedModel) {}

  /** Tag ids and marginals for one token sequence (features built from the tokens and gazetteer tags). */
  decode(tokens: readonly FeatureToken[], doc?: DocStats): { tags: Uint8Array; marginals: Float64Array } {
    const feats = sentenceFeatures(tokens, this.model.lex, doc);
    const offsets = new Int32Array(feats.length + 1);
    let total = 0;
    for (let i = 0; i < feats.length; i++) {
      total += feats[i]!.length;
      offsets[i + 1] = total;
    }
    const ids = new Int32Array(total);
    let k = 0;
    for (const f of feats) for (const s of f) ids[k++] = this.model.features.get(s) ?? -1;
    const n = feats.length;
    const e = emissionScores({ offsets, feats: ids }, this.model.emission);
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
