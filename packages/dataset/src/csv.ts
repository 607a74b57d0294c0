import { stringify } from 'csv-stringify/sync';
import { ByteSink } from './byte-sink.js';
import { LONG_TEXT, type LongText } from './long-text.js';
import type { Cell } from './rows.js';
import type { TableSpec } from './schema.js';

/**
 * CSV encoding (RFC 4180): UTF-8, CRLF between records, fields quoted when they hold a comma,
 * quote or line break (embedded newlines in bodies survive), quotes doubled.
 * null is an empty unquoted field; the empty string is `""`, so the two stay distinct.
 * list<string> cells are a JSON array (`["a","b"]`), dates 'YYYY-MM-DD', numbers in JS shortest form.
 */
export const CSV_RECORD_DELIMITER = '\r\n';

/** UTF-8 byte order mark: lets Excel detect UTF-8 and show Arabic. */
export const UTF8_BOM = '\uFEFF';

export function csvHeader(spec: TableSpec, bom: boolean): string {
  const header = stringify([spec.columns.map((col) => col.name)], { record_delimiter: CSV_RECORD_DELIMITER });
  return bom ? UTF8_BOM + header : header;
}

/** csv-stringify's settings for the rules above; the reference that csvRecords is tested against. */
export const STRINGIFY_OPTIONS = {
  record_delimiter: CSV_RECORD_DELIMITER,
  // csv-stringify only checks for the record delimiter ('\r\n'); a lone '\n' or '\r' inside a
  // body must force quotes too, or readers split the record.
  quoted_match: /[\r\n]/,
  // Quote the empty string (and only it) so that it differs from null.
  cast: { string: (v: string) => (v === '' ? { value: '', quoted_empty: true } : v) },
};

export function csvCell(v: Cell): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return JSON.stringify(v);
  return typeof v === 'number' ? String(v) : v;
}

// Linear scan, no backtracking.
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field's text, exactly as csv-stringify writes it with STRINGIFY_OPTIONS, into `out`. A long
 * string (row r, column i) comes from `long`'s UTF-8 when given.
 */
function csvField(out: ByteSink, v: Cell, r: number, i: number, long: LongText | undefined): void {
  if (v === null) return;
  // Numbers hold no comma, quote or line break.
  if (typeof v === 'number') {
    out.ascii(String(v));
    return;
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (long !== undefined && s.length >= LONG_TEXT && s === v) {
    if (NEEDS_QUOTES.test(s)) long.csvQuoted(out, r, i, s);
    else long.utf8(out, r, i, s);
  } else if (s === '') out.ascii('""');
  else if (!NEEDS_QUOTES.test(s)) out.text(s);
  else {
    // Quoted in place: no copy of a long body with quotes around it.
    out.byte(0x22);
    out.text(s.includes('"') ? s.replaceAll('"', '""') : s);
    out.byte(0x22);
  }
}

/**
 * Columns whose rows repeat a few values, given as codes (see ColumnBatch): the text of a code's
 * value is made once (see CodedBytes) instead of once per row.
 */
export interface RowCodes {
  /** Per column, each row's code, or null for a column that is not coded. */
  codes: ReadonlyArray<ArrayLike<number> | null>;
}

/** Past this many bytes a CodedBytes cache starts over (a range's names take a few MB at most). */
const CODED_BYTES_MAX = 16 << 20;

/** Writes row r's column i (value v) into `out`; long strings from `long` when given. */
type Piece = (out: ByteSink, i: number, v: Cell, r: number, long: LongText | undefined) => void;

/** A run's direct-mapped cache: per slot, its codes (-1: empty), the values they stood for, where its text is. */
interface RunSlots {
  /** Columns in the run. */
  len: number;
  codes: Int32Array;
  values: Cell[];
  at: Int32Array;
}

/**
 * The text of coded values in one format, kept by a table's writer from chunk to chunk: per run of
 * consecutive coded columns, by combination of codes (a mention's entity, type, surface and names
 * are the same in many rows), and per column, by code (a new combination is put together from values
 * already made). A writer hands over 16 articles at a time; made afresh for each, the caches missed
 * most runs of the thousands of names of real news, each costing a JSON.stringify and a transcoding
 * per column. The codes of a writer's batches keep their meaning (one table of names per range), so
 * a value's text is now made once per range. An entry is used only while the row's value is the one
 * it was made from (===): codes reused for other values give the right text, made again.
 */
export class CodedBytes {
  /** The text of every entry, runs and single values alike. */
  private readonly arena = new ByteSink(1 << 16);
  private runs: Array<RunSlots | undefined> = [];
  /** Per column: per code, where its text is in `arena` (start, end), -1 when not made yet. */
  private at: Array<Int32Array | undefined> = [];
  /** Per column: per code, the value its text was made from. */
  private made: Cell[][] = [];

  /** `slots`: entries per run (a power of two); past `maxBytes` of text the cache starts over. */
  constructor(
    private readonly slots = 4096,
    private readonly maxBytes = CODED_BYTES_MAX,
  ) {}

  /**
   * Copies into `out` the text of the run of columns i to e - 1 of row r (`cells`, coded `codes`),
   * made on first sight.
   */
  run(
    out: ByteSink,
    i: number,
    e: number,
    codes: ReadonlyArray<ArrayLike<number> | null>,
    cells: Cell[],
    r: number,
    long: LongText | undefined,
    piece: Piece,
  ): void {
    const len = e - i;
    let h = 0;
    for (let j = i; j < e; j++) h = Math.imul(h ^ ((codes[j] as ArrayLike<number>)[r] as number), 0x9e3779b1);
    const slot = (h >>> 16) & (this.slots - 1);
    // A batch coded differently may start a run of another length at the same column.
    let run = this.runs[i];
    if (run === undefined || run.len !== len) run = this.newRun(i, len);
    let hit = true;
    for (let j = i, k = slot * len; j < e; j++, k++) {
      if (run.codes[k] !== (codes[j] as ArrayLike<number>)[r] || run.values[k] !== (cells[j] ?? null)) {
        hit = false;
        break;
      }
    }
    const arena = this.arena;
    if (!hit) {
      if (arena.pos > this.maxBytes) this.clear();
      // The run's text goes to the end of the arena, value after value: a value made now is made in
      // place, one made before is copied from where it is.
      const start = arena.pos;
      for (let j = i, k = slot * len; j < e; j++, k++) {
        const code = (codes[j] as ArrayLike<number>)[r] as number;
        const v = cells[j] ?? null;
        this.value(j, code, v, r, long, piece);
        run.codes[k] = code;
        run.values[k] = v;
      }
      run.at[2 * slot] = start;
      run.at[2 * slot + 1] = arena.pos;
    }
    out.copy(arena, run.at[2 * slot] as number, run.at[2 * slot + 1] as number);
  }

  /** Appends column j's value v (coded `code`) to the arena: copied when made before, else made. */
  private value(j: number, code: number, v: Cell, r: number, long: LongText | undefined, piece: Piece): void {
    let at = this.at[j];
    if (at === undefined || code >= at.length >> 1) at = this.grow(j, code);
    const arena = this.arena;
    const start = at[2 * code] as number;
    if (start >= 0 && (this.made[j] as Cell[])[code] === v) {
      arena.copy(arena, start, at[2 * code + 1] as number);
      return;
    }
    const from = arena.pos;
    piece(arena, j, v, r, long);
    at[2 * code] = from;
    at[2 * code + 1] = arena.pos;
    (this.made[j] as Cell[])[code] = v;
  }

  private newRun(i: number, len: number): RunSlots {
    const run = {
      len,
      codes: new Int32Array(this.slots * len).fill(-1),
      values: new Array<Cell>(this.slots * len).fill(null),
      at: new Int32Array(2 * this.slots),
    };
    this.runs[i] = run;
    return run;
  }

  private grow(j: number, code: number): Int32Array {
    const old = this.at[j];
    let size = old ? old.length >> 1 : 256;
    while (size <= code) size *= 2;
    const at = new Int32Array(2 * size).fill(-1);
    if (old) at.set(old);
    this.at[j] = at;
    this.made[j] ??= [];
    return at;
  }

  /** Forget every entry (the arena grew past maxBytes). */
  private clear(): void {
    this.arena.pos = 0;
    for (const run of this.runs) run?.codes.fill(-1);
    for (const at of this.at) at?.fill(-1);
    this.made = this.made.map(() => []);
  }
}

/**
 * Rows `from` to `to` as UTF-8 into `out`: `piece(out, i, cell, r, long)` for each column, then
 * `end`. Runs of consecutive coded columns come from `bytes` (see CodedBytes; a fresh, small one
 * when none is given): transcoding is most of the cost of text.
 */
function encodeRows(
  out: ByteSink,
  rows: Cell[][],
  width: number,
  coded: RowCodes | undefined,
  from: number,
  to: number,
  piece: Piece,
  end: Uint8Array,
  long: LongText | undefined,
  bytes: CodedBytes | undefined,
): void {
  const codes = coded?.codes ?? [];
  // runEnd[i]: for a coded column, the column after the run it is in; 0 for others.
  const runEnd = new Array<number>(width).fill(0);
  for (let i = width - 1; i >= 0; i--)
    if (codes[i]) runEnd[i] = codes[i + 1] ? (runEnd[i + 1] as number) : i + 1;
  const cache = coded ? (bytes ?? new CodedBytes(256)) : undefined;
  // Per plain column, the last string written and where its bytes are in `out`.
  const last = new Array<string | undefined>(width);
  const lastStart = new Array<number>(width).fill(0);
  const lastEnd = new Array<number>(width).fill(0);
  for (let r = from; r < to; r++) {
    const cells = rows[r] as Cell[];
    for (let i = 0; i < width; ) {
      const e = runEnd[i] as number;
      if (e === 0) {
        // A string as in the row before (an article id on each of its mentions) is copied.
        const v = cells[i] ?? null;
        if (typeof v === 'string' && v === last[i])
          out.copy(out, lastStart[i] as number, lastEnd[i] as number);
        else {
          const start = out.pos;
          piece(out, i, v, r, long);
          if (typeof v === 'string') {
            last[i] = v;
            lastStart[i] = start;
            lastEnd[i] = out.pos;
          }
        }
        i++;
        continue;
      }
      (cache as CodedBytes).run(out, i, e, codes, cells, r, long, piece);
      i = e;
    }
    out.bytes(end);
  }
}

const CRLF = Buffer.from(CSV_RECORD_DELIMITER);

/** A CSV field with the comma before it (one function for every call: its call site stays monomorphic). */
const csvPiece: Piece = (out, i, v, r, long) => {
  if (i > 0) out.byte(0x2c);
  csvField(out, v, r, i, long);
};
const OBJECT_END = Buffer.from('}\n');
const NULL = Buffer.from('null');

/** Which rows to encode, and what the caller knows of them. */
export interface EncodeChunk {
  /** Codes of the coded columns (see RowCodes). */
  coded?: RowCodes;
  /** Rows `from` (default 0) to `to` (default all). */
  from?: number;
  to?: number;
  /** Reset for these rows: shares the UTF-8 of long strings with the other formats. */
  long?: LongText;
  /** The text of coded values made in earlier calls (one per table and format; see CodedBytes). */
  bytes?: CodedBytes;
}

/**
 * CSV records for checked rows, each followed by CRLF, as UTF-8 into `out`. Written by hand rather
 * than with csv-stringify, which spends most of a large run in per-field option handling; the
 * bytes are those of csv-stringify with STRINGIFY_OPTIONS (a test compares both).
 */
export function encodeCsv(out: ByteSink, rows: Cell[][], chunk: EncodeChunk = {}): void {
  const { coded, from = 0, to = rows.length, long, bytes } = chunk;
  const width = to > from ? (rows[from] as Cell[]).length : 0;
  encodeRows(out, rows, width, coded, from, to, csvPiece, CRLF, long, bytes);
}

/** csvRecords through csv-stringify: the reference implementation, for tests. */
export function csvRecordsReference(rows: Cell[][]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((cells) => cells.map(csvCell)),
    STRINGIFY_OPTIONS,
  );
}

const keyCache = new WeakMap<TableSpec, Uint8Array[]>();

/** '{"col":' then ',"col":' ...: the JSON text before each value, in schema order, as UTF-8. */
function jsonKeys(spec: TableSpec): Uint8Array[] {
  let keys = keyCache.get(spec);
  if (!keys) {
    keys = spec.columns.map((col, i) => Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(col.name)}:`));
    keyCache.set(spec, keys);
  }
  return keys;
}

/** A JSON member (its key, then its value); a long string (row r, column i) from `long` when given. */
function jsonMember(out: ByteSink, key: Uint8Array, v: Cell, r: number, i: number, long?: LongText): void {
  out.bytes(key);
  if (v === null) out.bytes(NULL);
  else if (typeof v === 'number') out.ascii(String(v));
  else if (!(long !== undefined && typeof v === 'string' && v.length >= LONG_TEXT && long.json(out, r, i, v)))
    out.text(JSON.stringify(v));
}

/**
 * JSON Lines for checked rows, as UTF-8 into `out`: one object per row, keys in schema order, '\n'
 * after each. Concatenated by hand (same bytes as JSON.stringify of the row object, which the tests
 * check) to skip building an object per row.
 */
export function encodeJsonl(out: ByteSink, spec: TableSpec, rows: Cell[][], chunk: EncodeChunk = {}): void {
  const { coded, from = 0, to = rows.length, long, bytes } = chunk;
  const keys = jsonKeys(spec);
  if (keys.length === 0) {
    for (let r = from; r < to; r++) out.text('{}\n');
    return;
  }
  const piece: Piece = (o, i, v, r, l) => jsonMember(o, keys[i] as Uint8Array, v, r, i, l);
  encodeRows(out, rows, keys.length, coded, from, to, piece, OBJECT_END, long, bytes);
}
