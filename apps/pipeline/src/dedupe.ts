// Exact and near-duplicate detection. Exact: equal content_sha256 of the body. Near: a MinHash
// signature of 64 values (16 LSH bands of 4 rows find pairs from Jaccard ~0.5 up) over 4-shingles
// of the body's words, each by its match key (alef/yeh/teh-marbuta/diacritic folds of @akhbar/text), banded
// LSH to find candidate pairs, then the estimated Jaccard similarity decides. The signature is
// one-permutation hashing with densification (Li, Owen & Zhang 2012; Shrivastava & Li 2014): each
// shingle is hashed once into one of 64 bins, rather than 64 times, which made MinHash a tenth of a
// worker's time. Written here rather than taken from a library because the signature must be
// computed in the workers over our own normalized tokens, and it is ~100 lines of integer arithmetic.
import { isWordKind, keyHash, scanTokens } from '@akhbar/text';
import { hexHalves } from './ids.js';
import { indexes, orderByKey, orderByKey64 } from './radix.js';

export const NUM_HASHES = 64;
/**
 * Version of the signature's definition. Records reused from an earlier run keep their signatures,
 * so a run's settings include it: a change here reprocesses everything instead of comparing
 * signatures made two ways. 2: words hashed by keyHash over the body's own tokens.
 */
export const SIGNATURE_VERSION = 2;
export const BANDS = 16;
const ROWS = NUM_HASHES / BANDS;
const SHINGLE = 4;
/** Estimated Jaccard similarity at or above which two bodies are near duplicates. */
export const NEAR_THRESHOLD = 0.7;
const MAX_COMPARE = 64;

// murmur3 finalizer: a cheap, well-mixed permutation of 32-bit values.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * At most this many shingles enter a signature: a news article has a few thousand, and a hostile
 * 5 MB "article" need not cost a million.
 */
export const MAX_SHINGLES = 20_000;

const EMPTY = 0xffffffff;
const BIN_BITS = Math.log2(NUM_HASHES);

/** MinHash signature of a body (NUM_HASHES unsigned 32-bit values). Empty text gives all 0xffffffff. */
export function minhash(body: string): Uint32Array {
  return bodySignature(body).signature;
}

/**
 * The body's MinHash signature and its word count (countWords of @akhbar/text), from one pass of the
 * tokenizer: each word of the body is hashed by its match key (keyHash), without building the
 * normalized body or any word string. A caller that has tokenized the body already (the entity
 * tagger's Analysis.wordHashes) gives those hashes to wordsSignature instead: same values.
 */
export function bodySignature(body: string): { signature: Uint32Array; words: number } {
  const hashes: number[] = [];
  let words = 0;
  scanTokens(body, (start, end, kind) => {
    if (!isWordKind(kind)) return;
    words++;
    if (hashes.length < MAX_SHINGLES + SHINGLE) hashes.push(keyHash(body, start, end));
  });
  return { signature: wordsSignature(hashes), words };
}

/**
 * The MinHash signature of a body given the keyHash of each of its words, in order (only the first
 * MAX_SHINGLES + SHINGLE - 1 are read).
 */
export function wordsSignature(hashes: ArrayLike<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  if (hashes.length === 0) return sig;
  const n = Math.min(MAX_SHINGLES, Math.max(1, hashes.length - SHINGLE + 1));
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(hashes.length, i + SHINGLE); j++) h = mix(h ^ hashes[j]!);
    // The top bits pick the bin; an independent mix is the value (31 bits, so never EMPTY).
    const bin = h >>> (32 - BIN_BITS);
    const v = mix(h ^ 0x5bd1e995) >>> 1;
    if (v < sig[bin]!) sig[bin] = v;
  }
  densify(sig);
  return sig;
}

/**
 * Fill empty bins (short bodies) from the next non-empty bin to the right, circularly, offset by the
 * distance, so two similar short bodies still agree bin for bin (densification by rotation).
 */
function densify(sig: Uint32Array): void {
  for (let k = 0; k < NUM_HASHES; k++) {
    if (sig[k] !== EMPTY) continue;
    for (let d = 1; d < NUM_HASHES; d++) {
      const v = sig[(k + d) % NUM_HASHES]!;
      // Only bins filled by shingles (values below 2^31) are read; borrowed values get the top bit.
      if (v <= 0x7fffffff) {
        const borrowed = (0x80000000 | mix(v + d)) >>> 0;
        sig[k] = borrowed === EMPTY ? EMPTY - 1 : borrowed;
        break;
      }
    }
  }
}

export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a[k] === b[k]) same++;
  return same / NUM_HASHES;
}

// The fewest equal values that reach NEAR_THRESHOLD (45 of 64), found by the same division similarity() does.
let MIN_SAME = 0;
while (MIN_SAME / NUM_HASHES < NEAR_THRESHOLD) MIN_SAME++;

/**
 * similarity(a, b) >= NEAR_THRESHOLD, stopping as soon as too many values differ: most candidates
 * of a bucket are not near duplicates and are rejected after about half the values.
 */
export function isNear(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let differ = NUM_HASHES - MIN_SAME;
  for (let k = 0; k < NUM_HASHES; k++) if (a[k] !== b[k] && --differ < 0) return false;
  return true;
}

/**
 * The two lowest bits of each signature value, packed into four 32-bit words (bit 0 of values 0-31,
 * of 32-63, then bit 1 of the same): a conservative filter in memory for isNear. Equal values have
 * equal bits, so a pair with fewer than MIN_SAME positions whose two bits agree cannot be near, and
 * its signatures (on disk in a run) need not be read. One bit a value let through pairs of similar
 * but not near articles (about 3 in 4 bits agree at a Jaccard similarity of 0.5, enough to pass);
 * with two, 5 in 8 agree: of 2,000,000 neighbouring pairs of the synthetic 100k corpus, 26,835
 * passed one bit and 2 passed two.
 */
export type Sketch = [bit0Lo: number, bit0Hi: number, bit1Lo: number, bit1Hi: number];

export function signatureSketch(sig: ArrayLike<number>): Sketch {
  let lo0 = 0;
  let hi0 = 0;
  let lo1 = 0;
  let hi1 = 0;
  for (let k = 0; k < 32; k++) {
    const a = sig[k]!;
    const b = sig[k + 32]!;
    lo0 |= (a & 1) << k;
    hi0 |= (b & 1) << k;
    lo1 |= ((a >>> 1) & 1) << k;
    hi1 |= ((b >>> 1) & 1) << k;
  }
  return [lo0 >>> 0, hi0 >>> 0, lo1 >>> 0, hi1 >>> 0];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** False only when two signatures with these sketch words cannot be near (see signatureSketch). */
export function sketchesMayBeNear(
  a0lo: number,
  a0hi: number,
  a1lo: number,
  a1hi: number,
  b0lo: number,
  b0hi: number,
  b1lo: number,
  b1hi: number,
): boolean {
  const differ =
    popcount(((a0lo ^ b0lo) | (a1lo ^ b1lo)) >>> 0) + popcount(((a0hi ^ b0hi) | (a1hi ^ b1hi)) >>> 0);
  return NUM_HASHES - differ >= MIN_SAME;
}

export interface DedupeItem {
  id: string;
  contentSha256: string;
  published: string | null;
  signature: ArrayLike<number> | null;
}

/** The hash of LSH band `band` of a signature (ROWS values). */
export function bandHash(sig: ArrayLike<number>, band: number): number {
  let h = 0x811c9dc5;
  for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[band * ROWS + r]!);
  return h;
}

/**
 * What duplicate detection reads of item i. Columns and accessors rather than objects, and
 * signatures read on demand, so a run's index of ten million articles can stay on disk but for a few
 * numbers per article (see spool.ts).
 */
export interface DedupeSource {
  size: number;
  /** First 64 bits of each item's content hash; items whose keys are equal are checked with sameContent. */
  shaHi(i: number): number;
  shaLo(i: number): number;
  /** Whether the two items' full content hashes are equal. */
  sameContent(a: number, b: number): boolean;
  /** Whether the item has a signature (a body with words). */
  hasSignature(i: number): boolean;
  /** bandHash(signature(i), band) for every item with a signature, into out[i]. */
  bandHashes(band: number, out: Uint32Array): void;
  /** Read at once, not kept: a reused buffer is fine. */
  signature(i: number): ArrayLike<number>;
  /** False only when i and j cannot be near: from sketches in memory (signatureSketch), without a read. */
  mayBeNear(i: number, j: number): boolean;
  /** Whether a represents a group rather than b: earlier published (undated last), then smaller id. */
  earlier(a: number, b: number): boolean;
}

/** A DedupeSource over items in memory (tests, and callers with few items). */
export function memorySource(items: DedupeItem[]): DedupeSource {
  const halves = items.map((it) => hexHalves(it.contentSha256));
  const signed = (i: number) => {
    const sig = items[i]!.signature;
    return sig !== null && sig[0] !== EMPTY;
  };
  const sketches = items.map((it): Sketch => (it.signature ? signatureSketch(it.signature) : [0, 0, 0, 0]));
  return {
    size: items.length,
    shaHi: (i) => halves[i]![0],
    shaLo: (i) => halves[i]![1],
    sameContent: (a, b) => items[a]!.contentSha256 === items[b]!.contentSha256,
    hasSignature: signed,
    bandHashes(band, out) {
      for (let i = 0; i < items.length; i++) if (signed(i)) out[i] = bandHash(items[i]!.signature!, band);
    },
    signature: (i) => items[i]!.signature!,
    mayBeNear: (i, j) => sketchesMayBeNear(...sketches[i]!, ...sketches[j]!),
    earlier: (a, b) => representsBefore(items[a]!.published, items[a]!.id, items[b]!.published, items[b]!.id),
  };
}

/** The representative rule on (published, id): earliest published, undated last, then smallest id. */
export function representsBefore(pa: string | null, ida: string, pb: string | null, idb: string): boolean {
  const a = pa ?? '\uffff';
  const b = pb ?? '\uffff';
  if (a !== b) return a < b;
  return ida < idb;
}

/**
 * duplicate_of for every item: null for the representative of its group, else the representative's
 * id. The representative is the earliest published member (undated last), ties broken by smallest id,
 * so the answer does not depend on input order, worker count or sharding.
 */
export function findDuplicates(items: DedupeItem[]): Map<string, string | null> {
  const rep = duplicateRepresentatives(memorySource(items));
  return new Map(items.map((it, i) => [it.id, rep[i]! < 0 ? null : items[rep[i]!]!.id]));
}

/**
 * For each item, the index of its group's representative, or -1 when it is the representative
 * (or alone). Exact copies share a content hash; near copies share an LSH band (a 32-bit hash of
 * the band's values; a collision only adds a candidate, which the similarity test then rejects) and
 * have an estimated Jaccard similarity of at least NEAR_THRESHOLD. Memory: six 4-byte arrays per
 * item at most, whatever else the source keeps.
 */
export function duplicateRepresentatives(src: DedupeSource): Int32Array {
  const n = src.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  unionExact(src, union);
  let members = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (src.hasSignature(i)) members[m++] = i;
  members = members.subarray(0, m);
  const hashOf = new Uint32Array(n);
  const ring = new SignatureRing(src);
  for (let b = 0; b < BANDS; b++) {
    src.bandHashes(b, hashOf);
    ring.reset();
    const order = orderByKey(members, (i) => hashOf[i]!);
    for (let start = 0, end = 0; start < m; start = end) {
      const h = hashOf[order[start]!]!;
      end = start + 1;
      while (end < m && hashOf[order[end]!] === h) end++;
      if (end - start > 1) unionBucket(src, order, start, end, find, union, ring);
    }
  }
  const best = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (best[r] === -1 || src.earlier(i, best[r]!)) best[r] = i;
  }
  const rep = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = best[find(i)]!;
    rep[i] = b === i ? -1 : b;
  }
  return rep;
}

/** Union items with equal content hashes: ordered by the 64-bit prefix, confirmed on the full hash. */
function unionExact(src: DedupeSource, union: (a: number, b: number) => void): void {
  const order = orderByKey64(
    indexes(src.size),
    (i) => src.shaHi(i),
    (i) => src.shaLo(i),
  );
  for (let start = 0, end = 0; start < order.length; start = end) {
    const a = order[start]!;
    end = start + 1;
    while (
      end < order.length &&
      src.shaHi(order[end]!) === src.shaHi(a) &&
      src.shaLo(order[end]!) === src.shaLo(a)
    )
      end++;
    // Members of a run whose full hashes differ (a 64-bit prefix collision) join the first they equal.
    for (let j = start + 1; j < end; j++) {
      const i = order[j]!;
      for (let k = start; k < j; k++) {
        if (src.sameContent(order[k]!, i)) {
          union(order[k]!, i);
          break;
        }
      }
    }
  }
}

// Compare against earlier members until one qualifies. A bucket of thousands (templated near-empty
// pages) would make this quadratic, so at most MAX_COMPARE earlier members are tried. Signatures may
// be on disk: the window's are kept in a ring, so each member's is read once per bucket.
function unionBucket(
  src: DedupeSource,
  order: Int32Array,
  start: number,
  end: number,
  find: (i: number) => number,
  union: (a: number, b: number) => void,
  ring: SignatureRing,
): void {
  const first = order[start]!;
  for (let j = start + 1; j < end; j++) {
    const i = order[j]!;
    if (find(i) === find(first)) continue;
    for (let k = Math.max(start, j - MAX_COMPARE); k < j; k++) {
      const o = order[k]!;
      if (!src.mayBeNear(i, o)) continue;
      if (isNear(ring.at(j, i), ring.at(k, o))) {
        union(i, o);
        break;
      }
    }
  }
}

/** The signatures of the last MAX_COMPARE + 1 positions of one band's order. */
class SignatureRing {
  private readonly sigs = new Uint32Array((MAX_COMPARE + 1) * NUM_HASHES);
  private readonly pos = new Int32Array(MAX_COMPARE + 1);
  // One view per slot, made once: at() runs for every candidate pair of every band.
  private readonly views = Array.from({ length: MAX_COMPARE + 1 }, (_, slot) =>
    this.sigs.subarray(slot * NUM_HASHES, (slot + 1) * NUM_HASHES),
  );

  constructor(private readonly src: DedupeSource) {
    this.reset();
  }

  /** Forget every position (a new band's order). */
  reset(): void {
    this.pos.fill(-1);
  }

  /** The signature of `item`, at position `p` of the order. */
  at(p: number, item: number): Uint32Array {
    const slot = p % (MAX_COMPARE + 1);
    const view = this.views[slot]!;
    if (this.pos[slot] !== p) {
      view.set(this.src.signature(item));
      this.pos[slot] = p;
    }
    return view;
  }
}
