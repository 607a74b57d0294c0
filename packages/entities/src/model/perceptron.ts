/**
 * A first-order structured perceptron over BIO tags, averaged (Collins 2002), with Viterbi decoding
 * constrained to valid BIO sequences and forward-backward marginals for confidences. Written here rather
 * than taken from npm: no maintained JS package offers a sequence perceptron, and owning the loop keeps
 * training deterministic (fixed seed, fixed order, no threads) and decoding allocation-light.
 */

export const TAGS = [
  'O',
  'B-PERS',
  'I-PERS',
  'B-LOC',
  'I-LOC',
  'B-ORG',
  'I-ORG',
  'B-MISC',
  'I-MISC',
] as const;
export const N_TAGS = TAGS.length;
const START = N_TAGS; // row of the transition table for the sentence start

/** allowed[prev * N_TAGS + t]: I-X may only follow B-X or I-X. prev === START is the sentence start. */
const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((N_TAGS + 1) * N_TAGS);
  for (let p = 0; p <= N_TAGS; p++) {
    for (let t = 0; t < N_TAGS; t++) {
      const tag = TAGS[t]!;
      let ok = true;
      if (tag.startsWith('I-')) {
        const prev = p < N_TAGS ? TAGS[p]! : 'O';
        ok = prev !== 'O' && prev.slice(2) === tag.slice(2);
      }
      a[p * N_TAGS + t] = ok ? 1 : 0;
    }
  }
  return a;
})();

/** Weights of a trained model: one row of N_TAGS per feature, and a (N_TAGS + 1) x N_TAGS transition table. */
export interface Weights {
  emission: Float32Array | Float64Array;
  transition: Float32Array | Float64Array;
}

/** One training sentence: feature ids per token (CSR layout) and gold tag ids. */
export interface EncodedSentence {
  offsets: Int32Array; // length n + 1
  feats: Int32Array;
  gold: Uint8Array;
}

/** Emission scores, n x N_TAGS. */
export function emissionScores(
  s: Pick<EncodedSentence, 'offsets' | 'feats'>,
  emission: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const n = s.offsets.length - 1;
  const e = out && out.length >= n * N_TAGS ? out : new Float64Array(n * N_TAGS);
  e.fill(0, 0, n * N_TAGS);
  for (let i = 0; i < n; i++) {
    const row = i * N_TAGS;
    for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
      const f = s.feats[k]!;
      if (f < 0) continue;
      const base = f * N_TAGS;
      for (let t = 0; t < N_TAGS; t++) e[row + t]! += emission[base + t]!;
    }
  }
  return e;
}

/**
 * Reusable buffers for decoding, grown on demand: sentences are short and many, and fresh typed arrays
 * for each one keep the garbage collector busy. Not shared between concurrent callers (JS has none).
 */
export class Workspace {
  private bufs: Float64Array[] = [];
  private back = new Uint8Array(0);
  /** The i-th float buffer with room for `size` values (contents unspecified). */
  f64(i: number, size: number): Float64Array {
    let b = this.bufs[i];
    if (!b || b.length < size) {
      b = new Float64Array(Math.max(size, 64 * N_TAGS));
      this.bufs[i] = b;
    }
    return b;
  }
  u8(size: number): Uint8Array {
    if (this.back.length < size) this.back = new Uint8Array(Math.max(size, 64 * N_TAGS));
    return this.back;
  }
}

// For each tag, the tags that may precede it (BIO), as flat lists: Viterbi loops only over these.
const PREV: Int8Array[] = Array.from({ length: N_TAGS }, (_, t) => {
  const out: number[] = [];
  for (let p = 0; p < N_TAGS; p++) if (ALLOWED[p * N_TAGS + t]) out.push(p);
  return Int8Array.from(out);
});

/** The best valid tag sequence under emission scores `e` (n x N_TAGS) and `transition`. */
export function viterbi(
  e: Float64Array,
  n: number,
  transition: ArrayLike<number>,
  ws?: Workspace,
): Uint8Array {
  const T = N_TAGS;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const score = ws ? ws.f64(0, n * T) : new Float64Array(n * T);
  const back = ws ? ws.u8(n * T) : new Uint8Array(n * T);
  for (let t = 0; t < T; t++) {
    score[t] = ALLOWED[START * T + t] ? e[t]! + transition[START * T + t]! : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const cur = i * T;
    for (let t = 0; t < T; t++) {
      const ps = PREV[t]!;
      let best = -Infinity;
      let arg = 0;
      for (let k = 0; k < ps.length; k++) {
        const p = ps[k]!;
        const v = score[prev + p]! + transition[p * T + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[cur + t] = best + e[cur + t]!;
      back[cur + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    const v = score[(n - 1) * T + t]!;
    if (v > best) {
      best = v;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * T + arg]!;
  }
  return out;
}

/**
 * Token marginals P(tag_i = t) treating scores / temperature as log-potentials of a linear-chain model:
 * forward-backward with per-position scaling (probabilities, not logs, so the inner loop has no exp),
 * BIO constraints applied. Returns n x N_TAGS.
 */
export function marginals(
  e: Float64Array,
  n: number,
  transition: ArrayLike<number>,
  temperature: number,
  ws?: Workspace,
): Float64Array {
  const T = N_TAGS;
  const inv = 1 / temperature;
  const out = new Float64Array(n * T);
  if (n === 0) return out;
  // Transition potentials, 0 where BIO forbids the pair.
  const tr = ws ? ws.f64(1, (T + 1) * T) : new Float64Array((T + 1) * T);
  for (let k = 0; k < (T + 1) * T; k++) tr[k] = ALLOWED[k] ? Math.exp(transition[k]! * inv) : 0;
  // Emission potentials, shifted by each position's max for range safety (the shift cancels out).
  const em = ws ? ws.f64(2, n * T) : new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let t = 0; t < T; t++) if (e[i * T + t]! > m) m = e[i * T + t]!;
    for (let t = 0; t < T; t++) em[i * T + t] = Math.exp((e[i * T + t]! - m) * inv);
  }
  const alpha = ws ? ws.f64(3, n * T) : new Float64Array(n * T);
  const beta = ws ? ws.f64(4, n * T) : new Float64Array(n * T);
  let z = 0;
  for (let t = 0; t < T; t++) {
    alpha[t] = tr[START * T + t]! * em[t]!;
    z += alpha[t]!;
  }
  for (let t = 0; t < T; t++) alpha[t] = alpha[t]! / z;
  for (let i = 1; i < n; i++) {
    z = 0;
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let p = 0; p < T; p++) s += alpha[(i - 1) * T + p]! * tr[p * T + t]!;
      const v = s * em[i * T + t]!;
      alpha[i * T + t] = v;
      z += v;
    }
    for (let t = 0; t < T; t++) alpha[i * T + t] = alpha[i * T + t]! / z;
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 1;
  for (let i = n - 2; i >= 0; i--) {
    z = 0;
    for (let p = 0; p < T; p++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += tr[p * T + t]! * em[(i + 1) * T + t]! * beta[(i + 1) * T + t]!;
      beta[i * T + p] = s;
      z += s;
    }
    for (let p = 0; p < T; p++) beta[i * T + p] = beta[i * T + p]! / z;
  }
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let t = 0; t < T; t++) norm += alpha[i * T + t]! * beta[i * T + t]!;
    for (let t = 0; t < T; t++) out[i * T + t] = norm > 0 ? (alpha[i * T + t]! * beta[i * T + t]!) / norm : 0;
  }
  return out;
}

/** A small, fast, seedable PRNG (mulberry32): the only randomness in training is the shuffle order. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Called after each epoch with the count of sentences decoded wrongly. */
  onEpoch?: (epoch: number, errors: number) => void;
}

/** Trains an averaged perceptron. Deterministic: same data, feature count and options give the same weights. */
export function trainPerceptron(
  data: readonly EncodedSentence[],
  nFeatures: number,
  options: TrainOptions = {},
): Weights {
  const epochs = options.epochs ?? 12;
  const rand = mulberry32(options.seed ?? 1);
  const T = N_TAGS;
  const w = new Float64Array(nFeatures * T);
  const acc = new Float64Array(nFeatures * T); // sum of c * delta, for averaging
  const tw = new Float64Array((T + 1) * T);
  const tacc = new Float64Array((T + 1) * T);
  let c = 1;
  const order = data.map((_, i) => i);
  const scratch = new Float64Array(4096 * T);
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Fisher-Yates with the seeded PRNG.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const x = order[i]!;
      order[i] = order[j]!;
      order[j] = x;
    }
    let errors = 0;
    for (const idx of order) {
      const s = data[idx]!;
      const n = s.gold.length;
      const e = emissionScores(s, w, n * T <= scratch.length ? scratch : undefined);
      const pred = viterbi(e, n, tw);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = s.gold[i]!;
        const p = pred[i]!;
        const gp = i ? s.gold[i - 1]! : START;
        const pp = i ? pred[i - 1]! : START;
        if (g !== p) {
          wrong = true;
          for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
            const f = s.feats[k]! * T;
            w[f + g]! += 1;
            acc[f + g]! += c;
            w[f + p]! -= 1;
            acc[f + p]! -= c;
          }
        }
        if (g !== p || gp !== pp) {
          tw[gp * T + g]! += 1;
          tacc[gp * T + g]! += c;
          tw[pp * T + p]! -= 1;
          tacc[pp * T + p]! -= c;
        }
      }
      if (wrong) errors++;
      c++;
    }
    options.onEpoch?.(epoch + 1, errors);
  }
  for (let k = 0; k < w.length; k++) w[k] = w[k]! - acc[k]! / c;
  for (let k = 0; k < tw.length; k++) tw[k] = tw[k]! - tacc[k]! / c;
  return { emission: w, transition: tw };
}
