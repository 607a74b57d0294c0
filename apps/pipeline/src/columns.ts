// Growable typed columns kept in fixed blocks. The spool index of a ten-million-article run lives in
// a few of these: one reallocated typed array per column would copy on every doubling and leave up to
// half of it unused, and an array of numbers or strings costs several times the bytes.

const BLOCK_BITS = 16;
/** Entries per block (65,536). */
export const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

type Typed = Uint8Array | Uint32Array | Float64Array;

export class Column<T extends Typed> {
  private readonly blocks: T[] = [];

  constructor(private readonly make: (length: number) => T) {}

  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![i & MASK]!;
  }

  set(i: number, v: number): void {
    const b = i >>> BLOCK_BITS;
    while (this.blocks.length <= b) this.blocks.push(this.make(BLOCK));
    this.blocks[b]![i & MASK] = v;
  }

  /** Values at indexes[k], into a new array (the range jobs of assembly take them this way). */
  pick(indexes: ArrayLike<number>): T {
    const out = this.make(indexes.length);
    for (let k = 0; k < indexes.length; k++) out[k] = this.get(indexes[k]!);
    return out;
  }

  /** Free every block. */
  clear(): void {
    this.blocks.length = 0;
  }
}

export const u8Column = () => new Column((n) => new Uint8Array(n));
export const u32Column = () => new Column((n) => new Uint32Array(n));
export const f64Column = () => new Column((n) => new Float64Array(n));
