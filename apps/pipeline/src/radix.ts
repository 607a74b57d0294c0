// Stable ordering of item indexes by unsigned 32-bit keys: least-significant-digit radix sort, two
// passes of 16 bits. Linear in the number of items whatever their count, where a numeric sort of
// packed (key, index) floats runs out of bits past 2^21 items and a comparator sort of ten million
// items takes seconds per call (duplicate detection sorts once per LSH band).

const DIGITS = 1 << 16;

function pass(key: (item: number) => number, src: Int32Array, dst: Int32Array, shift: number): void {
  const start = new Uint32Array(DIGITS + 1);
  for (let k = 0; k < src.length; k++) start[((key(src[k]!) >>> shift) & 0xffff) + 1]!++;
  for (let d = 1; d <= DIGITS; d++) start[d]! += start[d - 1]!;
  for (let k = 0; k < src.length; k++) {
    const item = src[k]!;
    dst[start[(key(item) >>> shift) & 0xffff]!++] = item;
  }
}

/**
 * `items` ordered by key(item), ties kept in their order in `items`. `key` must return an unsigned
 * 32-bit integer and the same value each time it is asked.
 */
export function orderByKey(items: Int32Array, key: (item: number) => number): Int32Array {
  const tmp = new Int32Array(items.length);
  const out = new Int32Array(items.length);
  pass(key, items, tmp, 0);
  pass(key, tmp, out, 16);
  return out;
}

/** `items` ordered by the 64-bit key (hi(item), lo(item)), ties kept in their order in `items`. */
export function orderByKey64(
  items: Int32Array,
  hi: (item: number) => number,
  lo: (item: number) => number,
): Int32Array {
  return orderByKey(orderByKey(items, lo), hi);
}

/** 0 .. n-1. */
export function indexes(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
