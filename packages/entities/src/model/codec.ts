import { N_TAGS } from './perceptron.js';
import type { ModelInfo, TrainedModel } from './tagger.js';

/**
 * The model file: JSON with the feature hashes (uint32, ascending), int16-quantized weights in
 * base64 (one row of N_TAGS per feature; features whose row quantizes to all zeros are dropped), the
 * transition table and the word statistics. Sorted keys and fixed quantization make the bytes a pure
 * function of the weights.
 */
interface ModelFile {
  info: ModelInfo;
  tags: number;
  scale: number;
  temperature: number;
  transition: number[];
  /** Feature hashes, uint32 little-endian, base64, ascending. */
  features: string;
  weights: string;
  /** 'key\tO,PERS,LOC,ORG,MISC' lines, sorted by key. */
  lex: string;
  /** The second stage, when the model has one (same encoding as the first). */
  stage2?: Quantized;
}

interface Quantized {
  scale: number;
  transition: number[];
  features: string;
  weights: string;
}

const toB64 = (a: Int16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Weights as int16 rows scaled to the largest, features whose row quantizes to zeros dropped, hashes ascending. */
function quantize(
  features: ReadonlyMap<number, number>,
  emission: ArrayLike<number>,
  transition: ArrayLike<number>,
): Quantized {
  let max = 0;
  for (let k = 0; k < emission.length; k++) if (Math.abs(emission[k]!) > max) max = Math.abs(emission[k]!);
  const scale = max > 0 ? max / 32767 : 1;
  const keep: Array<[number, number]> = [];
  const q = (v: number) => Math.round(v / scale);
  for (const [f, id] of features) {
    let any = false;
    for (let t = 0; t < N_TAGS; t++) if (q(emission[id * N_TAGS + t]!) !== 0) any = true;
    if (any) keep.push([f, id]);
  }
  keep.sort((a, b) => a[0] - b[0]);
  const w = new Int16Array(keep.length * N_TAGS);
  keep.forEach(([, id], row) => {
    for (let t = 0; t < N_TAGS; t++) w[row * N_TAGS + t] = q(emission[id * N_TAGS + t]!);
  });
  return {
    scale,
    transition: Array.from(transition, (v) => Math.round(v * 1e6) / 1e6),
    features: Buffer.from(Uint32Array.from(keep, ([f]) => f).buffer).toString('base64'),
    weights: toB64(w),
  };
}

function dequantize(file: Quantized): {
  features: Map<number, number>;
  emission: Float32Array;
  transition: Float32Array;
} {
  const names = new Uint32Array(Uint8Array.from(Buffer.from(file.features, 'base64')).buffer);
  const buf = Buffer.from(file.weights, 'base64');
  // Copy: a pooled Buffer may start at an odd offset, which an Int16Array view cannot.
  const q = new Int16Array(Uint8Array.from(buf).buffer);
  if (q.length !== names.length * N_TAGS)
    throw new Error(
      'NER model file is truncated: weights do not match the feature list; reinstall or retrain',
    );
  const emission = new Float32Array(q.length);
  for (let k = 0; k < q.length; k++) emission[k] = q[k]! * file.scale;
  const features = new Map<number, number>();
  names.forEach((f, i) => {
    features.set(f, i);
  });
  return { features, emission, transition: Float32Array.from(file.transition) };
}

export function serializeModel(m: TrainedModel): string {
  const first = quantize(m.features, m.emission, m.transition);
  const file: ModelFile = {
    info: m.info,
    tags: N_TAGS,
    scale: first.scale,
    temperature: m.temperature,
    transition: first.transition,
    features: first.features,
    weights: first.weights,
    lex: [...m.lex.keys()]
      .sort()
      .map((k) => `${k}\t${Array.from(m.lex.get(k)!).join(',')}`)
      .join('\n'),
    ...(m.stage2 ? { stage2: quantize(m.stage2.features, m.stage2.emission, m.stage2.transition) } : {}),
  };
  return JSON.stringify(file);
}

export function parseModel(json: string): TrainedModel {
  let file: ModelFile;
  try {
    file = JSON.parse(json) as ModelFile;
  } catch (e) {
    throw new Error(
      `the NER model file is not valid JSON (${(e as Error).message}); reinstall @akhbar/entities or retrain with train:ner`,
    );
  }
  if (file?.info?.format !== 'akhbar-ner-perceptron' || file.tags !== N_TAGS) {
    throw new Error(
      'not an akhbar NER model file (expected format akhbar-ner-perceptron with 9 tags); retrain with train:ner',
    );
  }
  const first = dequantize(file);
  return {
    ...first,
    lex: parseLex(file.lex),
    temperature: file.temperature,
    info: file.info,
    ...(file.stage2 ? { stage2: dequantize(file.stage2) } : {}),
  };
}

function parseLex(text: string): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  if (!text) return out;
  for (const line of text.split('\n')) {
    const tab = line.lastIndexOf('\t');
    out.set(line.slice(0, tab), Int32Array.from(line.slice(tab + 1).split(','), Number));
  }
  return out;
}
