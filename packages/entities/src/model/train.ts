import { normalizeKey } from '@akhbar/text';
import {
  type AlignedSentence,
  alignSentence,
  gazetteerTags,
  joinSentences,
  spansToTokenTags,
} from './align.js';
import type { TaggedSentence } from './conll.js';
import {
  documentStats,
  type FeatureToken,
  gazetteerHashes,
  LEX_CLASSES,
  LIST_WORD,
  lexKeys,
  type SentenceFeatures,
  sentenceFeatures,
  WHOLE_WORD,
  type WordHandle,
  wordOf,
} from './features.js';
import { nonLocalFeatures, tagCounts } from './nonlocal.js';
import { type EncodedSentence, mulberry32, N_TAGS, TAGS, trainPerceptron } from './perceptron.js';
import { bioToChunks } from './spans.js';
import { type ModelInfo, PerceptronTagger, type TrainedModel } from './tagger.js';
import type { GazetteerSpan } from './types.js';
import { TYPE_TO_CLASS } from './types.js';

export interface TrainModelOptions {
  epochs?: number;
  seed?: number;
  /** Features seen fewer times than this in training are dropped before training (default 1: keep all). */
  minCount?: number;
  /** Gazetteer lookup run on each training sentence, so the model learns how far to trust it. */
  gazetteer?: (text: string) => readonly GazetteerSpan[];
  /** Recorded in the model's info: which gazetteer the `gazetteer` and `nameList` options came from. */
  gazetteerVersion?: string;
  /** Names from a gazetteer; their words become features (a listed first name inside an unlisted name). */
  nameList?: ReadonlyArray<{ type: 'PERSON' | 'ORG' | 'LOC'; names: readonly string[] }>;
  /** Share of training sentences whose gazetteer features are withheld (default 0.5), so the model also works without them. */
  gazetteerDropout?: number;
  /** Sentences on each side that stand in for the document in document-level features (default 10). */
  docWindow?: number;
  corpus?: string;
  /** Perceptrons trained on different shuffles whose weights are averaged (default 1). */
  ensemble?: number;
  /** Train the second, non-local stage (default true). */
  secondStage?: boolean;
  /** Folds for the second stage's first-stage predictions (default 5). */
  stackFolds?: number;
  onEpoch?: (epoch: number, errors: number) => void;
}

/** Word key -> counts per LEX_CLASSES entry. */
export type LexTable = Map<string, Int32Array>;

function bump(t: LexTable, key: string, cls: number): void {
  let c = t.get(key);
  if (!c) {
    c = new Int32Array(LEX_CLASSES.length);
    t.set(key, c);
  }
  c[cls]!++;
}

export const LICENCE = 'CC BY-SA 4.0';
export const CITATION =
  'Benajiba, Rosso and Benedí Ruiz, "ANERsys: An Arabic Named Entity Recognition System Based on Maximum Entropy", CICLing 2007; splits: Obeid et al., "CAMeL Tools: An Open Source Python Toolkit for Arabic Natural Language Processing", LREC 2020.';

/** One prepared training sentence: project tokens, gold tags and feature tokens (gazetteer tags included). */
interface Prepared {
  aligned: AlignedSentence;
  ftoks: FeatureToken[];
  handles: WordHandle[];
}

/**
 * Trains the tagger on BIO-tagged sentences: a first stage on local features, then (unless `secondStage`
 * is false) a second stage on non-local ones (see nonlocal.ts), learned from first-stage predictions made
 * by models that did not see the sentence (contiguous folds), as the first stage will behave on new text.
 * Deterministic: feature ids are assigned in first-seen order over the sentences as given, and the
 * perceptron shuffles with a seeded PRNG.
 */
export function trainModel(corpus: readonly TaggedSentence[], options: TrainModelOptions = {}): TrainedModel {
  if (!corpus.length)
    throw new Error(
      'trainModel needs at least one tagged sentence; check the corpus path and format (token TAG per line)',
    );
  const seed = options.seed ?? 1;
  const aligned = corpus.map(alignSentence).filter((a) => a.tokens.length > 0);
  const listed = gazetteerInBlocks(aligned, options.gazetteer);
  const dropout = mulberry32(seed ^ 0x9e3779b9);
  const data: Prepared[] = aligned.map((a, k) => {
    const withheld = dropout() < (options.gazetteerDropout ?? 0.5);
    const gz = gazetteerTags(a.tokens, withheld ? undefined : listed[k]);
    const ftoks = a.tokens.map((t, i) => ({ text: t.text, kind: t.kind, gz: gz[i]! }));
    return { aligned: a, ftoks, handles: ftoks.map((t) => wordOf(t.text, t.kind)) };
  });
  const folds = options.secondStage === false ? 0 : (options.stackFolds ?? 5);
  if (folds < 2 || data.length < folds) return trainStage(data, options);
  // Epochs are reported for the last model trained, the second stage.
  const { onEpoch: _reported, ...quiet } = options;
  const first = trainStage(data, quiet);
  const W = options.docWindow ?? 10;
  // First-stage predictions on each fold from a model trained on the others.
  const held: Uint8Array[] = new Array(data.length);
  for (let f = 0; f < folds; f++) {
    const from = Math.floor((f * data.length) / folds);
    const to = Math.floor(((f + 1) * data.length) / folds);
    const tagger = new PerceptronTagger(trainStage([...data.slice(0, from), ...data.slice(to)], quiet));
    for (let k = from; k < to; k++) {
      const d = data[k]!;
      const doc = documentStats(data.slice(Math.max(0, k - W), k + W + 1).map((x) => x.handles));
      const r = tagger.decode(d.handles, gazetteerHashes(d.ftoks), doc);
      held[k] = r.tags;
    }
  }
  const extra = data.map((d, k) => {
    const lo = Math.max(0, k - W);
    const counts = tagCounts(
      data.slice(lo, k + W + 1).map((x, j) => ({ words: x.handles, tags: held[lo + j]! })),
    );
    return nonLocalFeatures(d.handles, held[k]!, counts);
  });
  const second = trainStage(data, options, extra);
  return {
    ...first,
    stage2: { features: second.features, emission: second.emission, transition: second.transition },
    info: { ...first.info, note: `${first.info.note} Second stage: non-local features over ${folds} folds.` },
  };
}

/**
 * The gazetteer's spans per sentence, found in running text of 20 sentences as at evaluation and in
 * articles (its coreference and short forms depend on what came before), in sentence offsets.
 */
function gazetteerInBlocks(
  aligned: readonly AlignedSentence[],
  gazetteer: TrainModelOptions['gazetteer'],
): Array<GazetteerSpan[] | undefined> {
  const out: Array<GazetteerSpan[] | undefined> = new Array(aligned.length);
  if (!gazetteer) return out;
  for (let k = 0; k < aligned.length; k += 20) {
    const group = aligned.slice(k, k + 20);
    const { text, offsets } = joinSentences(group);
    const spans = gazetteer(text);
    group.forEach((a, j) => {
      const off = offsets[j]!;
      out[k + j] = spans
        .filter((sp) => sp.start >= off && sp.end <= off + a.text.length)
        .map((sp) => ({ ...sp, start: sp.start - off, end: sp.end - off }));
    });
  }
  return out;
}

function goldIds(a: AlignedSentence): Uint8Array {
  const gold = new Uint8Array(a.tokens.length);
  a.tags.forEach((t, i) => {
    gold[i] = TAG_ID.get(t) ?? 0;
  });
  return gold;
}

const TAG_ID = new Map<string, number>(TAGS.map((t, i) => [t, i]));

/** Feature hashes to dense ids (first-seen order, those seen at least `minCount` times) and encoded rows. */
function encodeRows(
  rows: readonly SentenceFeatures[],
  gold: readonly Uint8Array[],
  minCount: number,
): { features: Map<number, number>; encoded: EncodedSentence[] } {
  const counts = new Map<number, number>();
  for (const r of rows) for (const x of r.feats) counts.set(x, (counts.get(x) ?? 0) + 1);
  const features = new Map<number, number>();
  for (const [f, c] of counts) if (c >= minCount) features.set(f, features.size);
  const encoded = rows.map((feats, k) => {
    const n = feats.offsets.length - 1;
    const offsets = new Int32Array(n + 1);
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = feats.offsets[i]!; j < feats.offsets[i + 1]!; j++) {
        const id = features.get(feats.feats[j]!);
        if (id !== undefined) ids.push(id);
      }
      offsets[i + 1] = ids.length;
    }
    return { offsets, feats: Int32Array.from(ids), gold: gold[k]! } as EncodedSentence;
  });
  return { features, encoded };
}

/** Token i's features of `a` followed by its features of `b` (CSR, same tokens). */
export function appendFeatures(a: SentenceFeatures, b: SentenceFeatures): SentenceFeatures {
  const n = a.offsets.length - 1;
  const offsets = new Int32Array(n + 1);
  const feats = new Uint32Array(a.feats.length + b.feats.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = a.offsets[i]!; j < a.offsets[i + 1]!; j++) feats[k++] = a.feats[j]!;
    for (let j = b.offsets[i]!; j < b.offsets[i + 1]!; j++) feats[k++] = b.feats[j]!;
    offsets[i + 1] = k;
  }
  return { offsets, feats };
}

/** One stage (`extra`: the second stage's non-local features per sentence): local features, word statistics from the other folds, gazetteer and document features. */
function trainStage(
  data: readonly Prepared[],
  options: TrainModelOptions,
  extra?: readonly SentenceFeatures[],
): TrainedModel {
  const epochs = options.epochs ?? 12;
  const seed = options.seed ?? 1;
  const minCount = options.minCount ?? 1;
  // Word statistics over the whole corpus (shipped with the model) and per fold (for cross-fold features).
  const FOLDS = 10;
  const total: LexTable = new Map();
  const folds: LexTable[] = Array.from({ length: FOLDS }, () => new Map());
  data.forEach(({ aligned: a }, k) => {
    a.tokens.forEach((t, i) => {
      const cls = LEX_CLASSES.indexOf(
        (a.tags[i]!.length > 2 ? a.tags[i]!.slice(2) : 'O') as (typeof LEX_CLASSES)[number],
      );
      const keys = lexKeys(t.text, t.kind);
      for (const key of keys) {
        bump(total, key, cls);
        bump(folds[k % FOLDS]!, key, cls);
      }
      // Whole-word counts apart (WHOLE_WORD + key): how often the word stood alone, not as a stem.
      if (t.kind === 'arabic') bump(total, WHOLE_WORD + keys[0]!, cls);
    });
  });
  for (const entry of options.nameList ?? []) {
    const cls = entry.type === 'PERSON' ? 1 : entry.type === 'LOC' ? 2 : 3;
    const words = new Set(
      entry.names.flatMap((n) => normalizeKey(n).split(/\s+/)).filter((w) => w.length > 1),
    );
    for (const w of words) bump(total, LIST_WORD + w, cls);
  }
  // Corpus sentences come in document order without document breaks: a window of neighbouring
  // sentences stands in for the article.
  const W = options.docWindow ?? 10;
  const rows = data.map((d, k) => {
    const fold = folds[k % FOLDS]!;
    const lex = {
      get(key: string) {
        const all = total.get(key);
        if (!all) return undefined;
        const mine = fold.get(key);
        return mine ? all.map((v, c) => v - mine[c]!) : all;
      },
    };
    const doc = documentStats(data.slice(Math.max(0, k - W), k + W + 1).map((x) => x.handles));
    const local = sentenceFeatures(d.ftoks, lex, doc);
    return extra ? appendFeatures(local, extra[k]!) : local;
  });
  const { features, encoded } = encodeRows(
    rows,
    data.map((d) => goldIds(d.aligned)),
    minCount,
  );
  const w = trainPerceptron(encoded, features.size, {
    epochs,
    seed,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  // An ensemble: perceptrons on other shuffles, weights averaged (one model, no cost when decoding).
  const ensemble = options.ensemble ?? 1;
  for (let r = 1; r < ensemble; r++) {
    const x = trainPerceptron(encoded, features.size, { epochs, seed: seed + r * 7919 });
    for (let k = 0; k < w.emission.length; k++) w.emission[k]! += x.emission[k]!;
    for (let k = 0; k < w.transition.length; k++) w.transition[k]! += x.transition[k]!;
  }
  if (ensemble > 1) {
    for (let k = 0; k < w.emission.length; k++) w.emission[k]! /= ensemble;
    for (let k = 0; k < w.transition.length; k++) w.transition[k]! /= ensemble;
  }
  const info: ModelInfo = {
    format: 'akhbar-ner-perceptron',
    version: 1,
    corpus: options.corpus ?? 'unnamed',
    licence: LICENCE,
    citation: CITATION,
    epochs,
    seed,
    gazetteerFeatures: Boolean(options.gazetteer),
    ...(options.gazetteerVersion ? { gazetteerVersion: options.gazetteerVersion } : {}),
    note: 'Trained with MISC as its own class; MISC spans are never reported.',
  };
  return {
    features,
    emission: w.emission,
    transition: w.transition,
    lex: total,
    temperature: 1,
    info,
  };
}

export { N_TAGS };

/**
 * Picks the softmax temperature that makes confidences honest: on held-out sentences, the one (from a fixed
 * grid) minimizing the Brier score of "this predicted span is exactly right". Returns the model with it set.
 */
export function calibrateTemperature(
  model: TrainedModel,
  heldOut: readonly TaggedSentence[],
  grid: readonly number[] = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192],
): TrainedModel {
  let best = { t: 1, brier: Infinity };
  for (const t of grid) {
    const tagger = new PerceptronTagger({ ...model, temperature: t });
    let sum = 0;
    let n = 0;
    // Score exact-span correctness per predicted span with its confidence.
    for (let k = 0; k < heldOut.length; k += 20) {
      const group = heldOut.slice(k, k + 20).map(alignSentence);
      const { text, offsets } = joinSentences(group);
      const pred = tagger.predict(text);
      group.forEach((a, j) => {
        const off = offsets[j]!;
        const tokenSpans = a.spans.map(([x, y]) => [x + off, y + off] as const);
        const gold = new Set(bioToChunks(heldOut[k + j]!.tags).map((c) => `${c.start}:${c.end}:${c.type}`));
        for (const p of pred) {
          if (p.end <= off || p.start >= off + a.text.length) continue;
          const c = bioToChunks(spansToTokenTags([{ ...p, type: TYPE_TO_CLASS[p.type] }], tokenSpans))[0];
          if (!c) continue;
          const y = gold.has(`${c.start}:${c.end}:${c.type}`) ? 1 : 0;
          sum += (p.confidence - y) ** 2;
          n++;
        }
      });
    }
    const brier = n ? sum / n : Infinity;
    if (brier < best.brier) best = { t, brier };
  }
  return { ...model, temperature: best.t };
}
