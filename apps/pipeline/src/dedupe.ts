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
 * duplicate_of for every item: null for the representative of its group, else the representative's
 * id. The representative is the earliest published member (undated last), ties broken by smallest id,
 * so the answer does not depend on input order, worker count or sharding.
 */
export function findDuplicates(items: DedupeItem[]): Map<string, string | null> {
  const parent = items.map((_, i) => i);
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
  items.forEach((it, i) => {
    const prev = byHash.get(it.contentSha256);
    if (prev === undefined) byHash.set(it.contentSha256, i);
    else union(prev, i);
  });
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    items.forEach((it, i) => {
      const sig = it.signature;
      if (!sig || sig[0] === 0xffffffff) return;
      // The band's values as UTF-16 code units (two per 32-bit value): an exact, cheap Map key.
      let key = '';
      for (let r = 0; r < ROWS; r++) {
        const v = sig[b * ROWS + r]!;
        key += String.fromCharCode(v & 0xffff, v >>> 16);
      }
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    });
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      const first = list[0]!;
      for (let j = 1; j < list.length; j++) {
        const i = list[j]!;
        if (find(i) === find(first)) continue;
        // Compare against earlier members until one qualifies. A bucket of thousands (templated
        // near-empty pages) would make this quadratic, so at most MAX_COMPARE earlier members are tried.
        for (let k = Math.max(0, j - MAX_COMPARE); k < j; k++) {
          const o = list[k]!;
          if (similarity(items[i]!.signature!, items[o]!.signature!) >= NEAR_THRESHOLD) {
            union(i, o);
            break;
          }
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out = new Map<string, string | null>();
  for (const g of groups.values()) {
    let best = g[0]!;
    for (const i of g) if (earlier(items[i]!, items[best]!)) best = i;
    for (const i of g) out.set(items[i]!.id, i === best ? null : items[best]!.id);
  }
  return out;
}

function earlier(a: DedupeItem, b: DedupeItem): boolean {
  const pa = a.published ?? '\uffff';
  const pb = b.published ?? '\uffff';
  if (pa !== pb) return pa < pb;
  return a.id < b.id;
}
