/**
 * 32-bit feature hashing. A feature is a template and one or two values; it is identified by a hash of
 * them instead of a string, so extraction builds no strings and the lookup is an integer probe: that is what
 * makes the tagger fast (string keys cost ~200 ns each to build and hash). With a few hundred thousand
 * features in 2^32 values, collisions are a handful and only make two rare features share a weight.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a running hash with one more value (murmur3 finalizer over a multiply-xor step). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1; // 0 marks an empty slot in FeatureTable
}

/** Open-addressing table from feature hash to weight row: linear probing over typed arrays. */
export class FeatureTable {
  private readonly keys: Uint32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(hashes: ArrayLike<number>) {
    let cap = 16;
    while (cap < hashes.length * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = hashes.length;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r]!;
      let i = (h ^ (h >>> 16)) & this.mask;
      while (this.keys[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
      this.keys[i] = h;
      this.rows[i] = r;
    }
  }

  /** Row of the feature, or -1 when the model does not know it. */
  get(h: number): number {
    let i = (h ^ (h >>> 16)) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === h) return this.rows[i]!;
      if (k === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }
}
