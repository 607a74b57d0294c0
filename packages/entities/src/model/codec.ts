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
}

const toB64 = (a: Int16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function serializeModel(m: TrainedModel): string {
  let max = 0;
  for (const v of m.emission) if (Math.abs(v) > max) max = Math.abs(v);
  const scale = max > 0 ? max / 32767 : 1;
  const keep: Array<[number, number]> = [];
  const q = (v: number) => Math.round(v / scale);
  for (const [f, id] of m.features) {
    let any = false;
    for (let t = 0; t < N_TAGS; t++) if (q(m.emission[id * N_TAGS + t]!) !== 0) any = true;
    if (any) keep.push([f, id]);
  }
  keep.sort((a, b) => a[0] - b[0]);
  const w = new Int16Array(keep.length * N_TAGS);
  keep.forEach(([, id], row) => {
    for (let t = 0; t < N_TAGS; t++) w[row * N_TAGS + t] = q(m.emission[id * N_TAGS + t]!);
  });
  const file: ModelFile = {
    info: m.info,
    tags: N_TAGS,
    scale,
    temperature: m.temperature,
    transition: Array.from(m.transition, (v) => Math.round(v * 1e6) / 1e6),
    features: Buffer.from(Uint32Array.from(keep, ([f]) => f).buffer).toString('base64'),
    weights: toB64(w),
    lex: [...m.lex.keys()]
      .sort()
      .map((k) => `${k}\t${Array.from(m.lex.get(k)!).join(',')}`)
      .join('\n'),
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
  return {
    features,
    emission,
    transition: Float32Array.from(file.transition),
    lex: parseLex(file.lex),
    temperature: file.temperature,
    info: file.info,
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
