// Exact and near-duplicate detection. Exact: equal content_sha256 of the body. Near: a MinHash
// signature of 64 values (16 LSH bands of 4 rows find pairs from Jaccard ~0.5 up) over word
// 4-shingles of the normalized body (alef/yeh/teh-marbuta/diacritic folds from @akhbar/text), banded
// LSH to find candidate pairs, then the estimated Jaccard similarity decides. The signature is
// one-permutation hashing with densification (Li, Owen & Zhang 2012; Shrivastava & Li 2014): each
// shingle is hashed once into one of 64 bins, rather than 64 times, which made MinHash a tenth of a
// worker's time. Written here rather than taken from a library because the signature must be
// computed in the workers over our own normalized tokens, and it is ~100 lines of integer arithmetic.
import { isWordKind, normalizeKey, scanTokens } from '@akhbar/text';

export const NUM_HASHES = 64;
const BANDS = 16;
const ROWS = NUM_HASHES / BANDS;
const SHINGLE = 4;
/** Estimated Jaccard similarity at or above which two bodies are near duplicates. */
export const NEAR_THRESHOLD = 0.7;
const MAX_COMPARE = 64;

/** FNV-1a of s.slice(start, end), without making the slice. */
function fnv1a(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

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
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  const words: number[] = [];
  // 400,000 code units is far more than MAX_SHINGLES words; slicing keeps hostile input cheap.
  const key = normalizeKey(body.length > 400_000 ? body.slice(0, 400_000) : body);
  scanTokens(key, (start, end, kind) => {
    if (isWordKind(kind) && words.length < MAX_SHINGLES + SHINGLE) words.push(fnv1a(key, start, end));
  });
  if (words.length === 0) return sig;
  const n = Math.min(MAX_SHINGLES, Math.max(1, words.length - SHINGLE + 1));
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(words.length, i + SHINGLE); j++) h = mix(h ^ words[j]!);
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

export interface DedupeItem {
  id: string;
  contentSha256: string;
  published: string | null;
  signature: ArrayLike<number> | null;
}

/**
 * What duplicate detection reads of item i, through accessors: a run's index then needs no object
 * per article (a million articles as objects, band maps and result maps took several hundred MB).
 */
export interface DedupeSource {
  size: number;
  id(i: number): string;
  contentSha256(i: number): string;
  published(i: number): string | null;
  /** Read at once, not kept: a view into the caller's storage is fine. */
  signature(i: number): ArrayLike<number> | null;
}

/**
 * duplicate_of for every item: null for the representative of its group, else the representative's
 * id. The representative is the earliest published member (undated last), ties broken by smallest id,
 * so the answer does not depend on input order, worker count or sharding.
 */
export function findDuplicates(items: DedupeItem[]): Map<string, string | null> {
  const rep = duplicateRepresentatives({
    size: items.length,
    id: (i) => items[i]!.id,
    contentSha256: (i) => items[i]!.contentSha256,
    published: (i) => items[i]!.published,
    signature: (i) => items[i]!.signature,
  });
  return new Map(items.map((it, i) => [it.id, rep[i]! < 0 ? null : items[rep[i]!]!.id]));
}

// Band keys are packed with the item index into one float64 (32 + 21 bits) so that a native numeric
// sort groups each band's buckets; past 2^21 items a comparator sort gives the same order.
const INDEX_SPAN = 2 ** 21;

/** Item indexes with a band hash, ordered by (hash, index). `packUpTo` is lowered by tests only. */
export function byBandHash(
  hashOf: Uint32Array,
  members: Int32Array,
  m: number,
  packUpTo = INDEX_SPAN,
): ArrayLike<number> {
  if (hashOf.length <= packUpTo) {
    const keys = new Float64Array(m);
    for (let k = 0; k < m; k++) keys[k] = hashOf[members[k]!]! * INDEX_SPAN + members[k]!;
    keys.sort();
    const order = new Int32Array(m);
    for (let k = 0; k < m; k++) order[k] = keys[k]! % INDEX_SPAN;
    return order;
  }
  return members.slice(0, m).sort((a, b) => hashOf[a]! - hashOf[b]! || a - b);
}

/**
 * For each item, the index of its group's representative, or -1 when it is the representative
 * (or alone). Exact copies share a content hash; near copies share an LSH band (a 32-bit hash of
 * the band's values; a collision only adds a candidate, which the similarity test then rejects) and
 * have an estimated Jaccard similarity of at least NEAR_THRESHOLD.
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
  const byHash = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const sha = src.contentSha256(i);
    const prev = byHash.get(sha);
    if (prev === undefined) byHash.set(sha, i);
    else union(prev, i);
  }
  byHash.clear();
  const members = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const sig = src.signature(i);
    if (sig && sig[0] !== EMPTY) members[m++] = i;
  }
  const hashOf = new Uint32Array(n);
  for (let b = 0; b < BANDS; b++) {
    for (let k = 0; k < m; k++) {
      const i = members[k]!;
      const sig = src.signature(i)!;
      let h = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
      hashOf[i] = h;
    }
    const order = byBandHash(hashOf, members, m);
    for (let start = 0, end = 0; start < m; start = end) {
      const h = hashOf[order[start]!]!;
      end = start + 1;
      while (end < m && hashOf[order[end]!] === h) end++;
      const first = order[start]!;
      for (let j = start + 1; j < end; j++) {
        const i = order[j]!;
        if (find(i) === find(first)) continue;
        // Compare against earlier members until one qualifies. A bucket of thousands (templated
        // near-empty pages) would make this quadratic, so at most MAX_COMPARE earlier members are tried.
        const sigI = src.signature(i)!;
        for (let k = Math.max(start, j - MAX_COMPARE); k < j; k++) {
          const o = order[k]!;
          if (similarity(sigI, src.signature(o)!) >= NEAR_THRESHOLD) {
            union(i, o);
            break;
          }
        }
      }
    }
  }
  const earlier = (a: number, b: number): boolean => {
    const pa = src.published(a) ?? '\uffff';
    const pb = src.published(b) ?? '\uffff';
    if (pa !== pb) return pa < pb;
    return src.id(a) < src.id(b);
  };
  const best = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (best[r] === -1 || earlier(i, best[r]!)) best[r] = i;
  }
  const rep = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = best[find(i)]!;
    rep[i] = b === i ? -1 : b;
  }
  return rep;
}
