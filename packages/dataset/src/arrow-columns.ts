import {
  type Batch,
  batchType,
  Column,
  type DataType,
  type DictionaryType,
  dateDay,
  dictionary,
  float64,
  int32,
  int64,
  type ListType,
  list,
  utf8,
} from '@uwdata/flechette';
import { LONG_TEXT, type LongText } from './long-text.js';
import type { Cell } from './rows.js';
import type { ColumnSpec } from './schema.js';

/**
 * Arrow columns built value by value as rows arrive, with exactly the buffers flechette's
 * tableFromArrays builds for the same values (same sizes, same padding, same dictionary order), so
 * that tableToIPC, and so the Parquet writer, gives the same bytes. flechette's generic builders
 * cost several times more: a TextEncoder.encode allocation per string, a dictionary key per value,
 * a dynamic dispatch per cell. Every buffer length here is flechette's: the requested size rounded
 * up to 8 bytes (arrays.js align64); validity bitmaps only when a null is present. These are
 * flechette 2.6.0's choices (the version is pinned); test/parquet-arrow.test.ts compares the IPC
 * bytes with flechette's own, so an upgrade that changes them fails there, not in the files.
 */

/** The Arrow type of a schema column (dictionary strings keep int32 keys). */
export function arrowType(col: ColumnSpec): DataType {
  switch (col.type) {
    case 'string':
      return col.dictionary ? dictionary(utf8(), int32()) : utf8();
    case 'int32':
      return int32();
    case 'int64':
      return int64();
    case 'float64':
      return float64();
    case 'date':
      return dateDay();
    case 'list<string>':
      return list(utf8());
  }
}

/**
 * Milliseconds since the epoch of a checked 'YYYY-MM-DD' date, as flechette's date builders expect.
 * Date.parse reads that form as UTC; Date.UTC would read years 0-99 as 1900-1999.
 */
export function dateToMs(value: string): number {
  return Date.parse(value);
}

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** Elements of a buffer of `count` elements of `bytesPer` bytes, padded to 8 bytes. */
function padded(count: number, bytesPer: number): number {
  return (((count * bytesPer + 7) & ~7) / bytesPer) | 0;
}

type Typed = Uint8Array | Int32Array | Float64Array | BigInt64Array;

/** A copy of `array` with room for at least `min` elements (zeros past the old contents). */
function grown<T extends Typed>(array: T, min: number): T {
  let size = array.length * 2;
  while (size < min) size *= 2;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}

/**
 * The first `used` elements of `array` followed by zeros up to `length` elements: what flechette's
 * align() returns for its freshly allocated buffers. Buffers here are reused from part to part, so
 * the padding is cleared rather than assumed zero.
 */
function exactly<T extends Typed>(array: T, used: number, length: number): T {
  const out = (array.length < length ? grown(array, length) : array).subarray(0, length) as T;
  return out.fill((out instanceof BigInt64Array ? 0n : 0) as never, used) as T;
}

/** Rows known null, turned into flechette's validity bitmap (empty when there are none). */
class Validity {
  private nulls: number[] = [];

  clear(): void {
    this.nulls = [];
  }

  null(row: number): void {
    this.nulls.push(row);
  }

  get nullCount(): number {
    return this.nulls.length;
  }

  bitmap(length: number): Uint8Array {
    if (this.nulls.length === 0) return EMPTY;
    const bits = new Uint8Array(padded(((length - 1) >> 3) + 1, 1));
    bits.fill(0xff, 0, length >> 3);
    if (length & 7) bits[length >> 3] = (1 << (length & 7)) - 1;
    for (const row of this.nulls) bits[row >> 3] = (bits[row >> 3] as number) & ~(1 << (row & 7));
    return bits;
  }
}

const NO_NULLS = new Validity();

/** A flechette batch of `length` values of `type` over the given buffers. */
function batchOf(
  type: DataType,
  length: number,
  validity: Validity,
  buffers: { values?: Typed; offsets?: Int32Array; children?: Batch<unknown>[] },
): Batch<unknown> {
  return new (batchType(type))({
    length,
    nullCount: validity.nullCount,
    type,
    validity: validity.bitmap(length),
    ...buffers,
  });
}

/**
 * UTF-8 strings appended into one growing buffer with their offsets: the values and offsets
 * buffers of an Arrow utf8 array. TextEncoder.encodeInto replaces lone surrogates with U+FFFD,
 * as TextEncoder.encode (flechette's encoder) does.
 */
class Utf8Values {
  count = 0;
  private bytes = new Uint8Array(4096);
  private offsets = new Int32Array(256);
  private pos = 0;

  /** Forget the strings, keeping the buffers for the next part. */
  clear(): void {
    this.count = 0;
    this.pos = 0;
  }

  add(value: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes, so encodeInto cannot stop short.
    const need = this.pos + 3 * value.length;
    if (need > this.bytes.length) this.bytes = grown(this.bytes, need);
    if (value.length > 0) this.pos += encoder.encodeInto(value, this.bytes.subarray(this.pos)).written;
    this.end();
  }

  /** A string given as its UTF-8 (what add would encode). */
  addUtf8(utf8: Uint8Array): void {
    const need = this.pos + utf8.length;
    if (need > this.bytes.length) this.bytes = grown(this.bytes, need);
    this.bytes.set(utf8, this.pos);
    this.pos = need;
    this.end();
  }

  /** The last string added, once more (mentions repeat their article's id row after row). */
  again(): void {
    const offsets = this.offsets;
    const start = offsets[this.count - 1] as number;
    const length = (offsets[this.count] as number) - start;
    if (this.pos + length > this.bytes.length) this.bytes = grown(this.bytes, this.pos + length);
    this.bytes.copyWithin(this.pos, start, start + length);
    this.pos += length;
    this.end();
  }

  /** An empty slot (a null row): the offset repeats. */
  end(): void {
    const next = ++this.count;
    if (next >= this.offsets.length) this.offsets = grown(this.offsets, next + 1);
    this.offsets[next] = this.pos;
  }

  /** A flechette utf8 batch of the strings added; `validity` knows the rows added with end(). */
  batch(type: DataType, validity = NO_NULLS): Batch<unknown> {
    const length = this.count;
    return batchOf(type, length, validity, {
      offsets: exactly(this.offsets, length + 1, padded(length + 1, 4)),
      // flechette sizes the bytes for one more than it wrote.
      values: exactly(this.bytes, this.pos, padded(this.pos + 1, 1)),
    });
  }
}

/** Builds one Arrow column of a schema column's type from checked cells. */
export interface ColumnBuilder {
  push(value: Cell): void;
  /**
   * push() of column i of rows `from` to `to`; long strings' UTF-8 from `long` (reset for a chunk
   * holding them). A loop per builder class: its push() calls are then monomorphic and inlined.
   */
  pushRows(rows: Cell[][], i: number, from: number, to: number, long?: LongText): void;
  /** push(value) for a string given with its UTF-8 as well (only builders that encode strings have it). */
  pushUtf8?(value: string, utf8: Uint8Array): void;
  /** Forget the values (after the column was encoded), keeping the buffers. */
  clear(): void;
  /** The finished column of `rows` values (rows > 0). */
  column(rows: number): Column<unknown>;
}

/** Builders whose cells never come from LongText (see pushRows). */
abstract class CellBuilder implements ColumnBuilder {
  abstract push(value: Cell): void;
  abstract clear(): void;
  abstract column(rows: number): Column<unknown>;

  pushRows(rows: Cell[][], i: number, from: number, to: number): void {
    for (let r = from; r < to; r++) this.push((rows[r] as Cell[])[i] ?? null);
  }
}

class Utf8Builder implements ColumnBuilder {
  private values = new Utf8Values();
  private validity = new Validity();
  private last: string | null = null;

  constructor(private readonly type: DataType) {}

  clear(): void {
    this.values.clear();
    this.validity.clear();
    this.last = null;
  }

  push(value: Cell): void {
    if (value === null) {
      this.validity.null(this.values.count);
      this.values.end();
      this.last = null;
    } else if (value === this.last) {
      this.values.again();
    } else {
      this.values.add(value as string);
      this.last = value as string;
    }
  }

  pushRows(rows: Cell[][], i: number, from: number, to: number, long?: LongText): void {
    for (let r = from; r < to; r++) {
      const v = (rows[r] as Cell[])[i] ?? null;
      if (long !== undefined && typeof v === 'string' && v.length >= LONG_TEXT)
        this.pushUtf8(v, long.view(r, i, v));
      else this.push(v);
    }
  }

  pushUtf8(value: string, utf8: Uint8Array): void {
    if (value === this.last) this.values.again();
    else {
      this.values.addUtf8(utf8);
      this.last = value;
    }
  }

  column(): Column<unknown> {
    return new Column([this.values.batch(this.type, this.validity)], this.type);
  }
}

class DictionaryBuilder extends CellBuilder {
  private keys = new Int32Array(1024);
  private ids = new Map<string, number>();
  private values = new Utf8Values();
  private validity = new Validity();
  private rows = 0;
  // Low-cardinality columns often repeat the previous row's value: skip the map then.
  private last: string | null = null;
  private lastKey = 0;

  constructor(private readonly type: DictionaryType) {
    super();
  }

  clear(): void {
    this.ids.clear();
    this.values.clear();
    this.validity.clear();
    this.rows = 0;
    this.last = null;
  }

  push(value: Cell): void {
    const row = this.rows++;
    if (row >= this.keys.length) this.keys = grown(this.keys, row + 1);
    if (value === null) {
      // flechette leaves a null's key at 0.
      this.keys[row] = 0;
      this.validity.null(row);
      return;
    }
    if (value !== this.last) {
      const text = value as string;
      let key = this.ids.get(text);
      if (key === undefined) {
        key = this.values.count;
        this.ids.set(text, key);
        this.values.add(text);
      }
      this.last = text;
      this.lastKey = key;
    }
    this.keys[row] = this.lastKey;
  }

  column(rows: number): Column<unknown> {
    const type = this.type;
    const batch = batchOf(type, rows, this.validity, { values: exactly(this.keys, rows, padded(rows, 4)) });
    // The dictionary column's type must be the field's own value type: tableToIPC maps it to an id.
    (batch as Batch<unknown> & { setDictionary(dictionary: Column<unknown>): void }).setDictionary(
      new Column([this.values.batch(type.dictionary)]),
    );
    return new Column([batch], type);
  }
}

class ListBuilder extends CellBuilder {
  private offsets = new Int32Array(256);
  private child = new Utf8Values();
  private validity = new Validity();
  private rows = 0;

  constructor(private readonly type: ListType) {
    super();
  }

  clear(): void {
    this.child.clear();
    this.validity.clear();
    this.rows = 0;
  }

  push(value: Cell): void {
    const row = this.rows++;
    if (value === null) this.validity.null(row);
    else for (const item of value as string[]) this.child.add(item);
    if (row + 1 >= this.offsets.length) this.offsets = grown(this.offsets, row + 2);
    this.offsets[row + 1] = this.child.count;
  }

  column(rows: number): Column<unknown> {
    const type = this.type;
    const child = this.child.batch((type.children[0] as { type: DataType }).type);
    const offsets = exactly(this.offsets, rows + 1, padded(rows + 1, 4));
    return new Column([batchOf(type, rows, this.validity, { offsets, children: [child] })], type);
  }
}

/** Numbers in a typed array; nulls stay 0, as in flechette. `convert` is flechette's transform. */
class DirectBuilder<T extends Int32Array | Float64Array | BigInt64Array> extends CellBuilder {
  private validity = new Validity();
  private rows = 0;

  constructor(
    private readonly type: DataType,
    private values: T,
    private readonly convert: (value: Cell) => number | bigint,
    private readonly zero: number | bigint,
  ) {
    super();
  }

  clear(): void {
    this.validity.clear();
    this.rows = 0;
  }

  push(value: Cell): void {
    const row = this.rows++;
    if (row >= this.values.length) this.values = grown(this.values, row + 1);
    if (value === null) {
      this.values[row] = this.zero as never;
      this.validity.null(row);
    } else this.values[row] = this.convert(value) as never;
  }

  column(rows: number): Column<unknown> {
    const values = exactly(this.values, rows, padded(rows, this.values.BYTES_PER_ELEMENT));
    return new Column([batchOf(this.type, rows, this.validity, { values })], this.type);
  }
}

const asNumber = (value: Cell) => value as number;
// flechette's toDateDay of the date's milliseconds.
const asDay = (value: Cell) => Math.floor(dateToMs(value as string) / 864e5);
const asBigInt = (value: Cell) => BigInt(value as number);

/** A fresh builder for a column, typed as `type` (which must be arrowType(col)). */
export function columnBuilder(col: ColumnSpec, type: DataType): ColumnBuilder {
  switch (col.type) {
    case 'string':
      return col.dictionary ? new DictionaryBuilder(type as DictionaryType) : new Utf8Builder(type);
    case 'int32':
      return new DirectBuilder(type, new Int32Array(1024), asNumber, 0);
    case 'int64':
      return new DirectBuilder(type, new BigInt64Array(1024), asBigInt, 0n);
    case 'float64':
      return new DirectBuilder(type, new Float64Array(1024), asNumber, 0);
    case 'date':
      return new DirectBuilder(type, new Int32Array(1024), asDay, 0);
    case 'list<string>':
      return new ListBuilder(type as ListType);
  }
}
