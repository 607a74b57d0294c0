// The long strings of a chunk of rows (an article's body, a removed segment's text), encoded to UTF-8
// once and then copied by each format: CSV, JSONL and Parquet each turned every body into UTF-8 on
// its own, and JSONL first made an escaped copy of it with JSON.stringify. Bytes here are exactly
// those TextEncoder and JSON.stringify give (the tests compare them on hostile strings).
import { ByteSink } from './byte-sink.js';

/** Strings of at least this many code units go through the cache; shorter ones are not worth it. */
export const LONG_TEXT = 256;

/** Code units JSON.stringify escapes other than a line feed and a quote (the ones common in text). */
const JSON_ESCAPES = /[\u0000-\u0009\u000b-\u001f\\]/;
// Lone surrogates: TextEncoder writes U+FFFD, JSON.stringify a \u escape, so such strings take the
// slow path in JSON (String#isWellFormed is newer than Node 20's types).
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

const BACKSLASH_N = Buffer.from('\\n');
const BACKSLASH_QUOTE = Buffer.from('\\"');
const DOUBLED_QUOTE = Buffer.from('""');

/** The first `byte` in buf[at, end), or -1 (Buffer#indexOf is a native scan; the view bounds it). */
function find(buf: Uint8Array, byte: number, at: number, end: number): number {
  const i = buf.subarray(at, end).indexOf(byte);
  return i === -1 ? -1 : at + i;
}

/** UTF-8 of the long string cells of rows `from` to `to`, made on first use. */
export class LongText {
  private readonly arena = new ByteSink(1 << 16);
  /** Per cell ((row - from) * width + column): where its bytes are in the arena, or -1. */
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private from = 0;
  private width = 0;

  /** Start a new chunk of rows (the bytes of the last one are dropped). */
  reset(from: number, to: number, width: number): void {
    const n = Math.max(0, to - from) * width;
    if (this.starts.length < n) {
      this.starts = new Int32Array(n);
      this.ends = new Int32Array(n);
    }
    this.starts.fill(-1, 0, n);
    this.arena.pos = 0;
    this.from = from;
    this.width = width;
  }

  /** The slot of row r's column c, which holds s, with its UTF-8 in the arena. */
  private span(r: number, c: number, s: string): number {
    const k = (r - this.from) * this.width + c;
    if (this.starts[k] === -1) {
      this.starts[k] = this.arena.pos;
      this.arena.text(s);
      this.ends[k] = this.arena.pos;
    }
    return k;
  }

  /** s's UTF-8 into `out`. */
  utf8(out: ByteSink, r: number, c: number, s: string): void {
    const k = this.span(r, c, s);
    out.copy(this.arena, this.starts[k] as number, this.ends[k] as number);
  }

  /** s's UTF-8 as a view (valid until the next call on this cache). */
  view(r: number, c: number, s: string): Uint8Array {
    const k = this.span(r, c, s);
    return this.arena.buf.subarray(this.starts[k] as number, this.ends[k] as number);
  }

  /** s as a CSV field, quoted and with quotes doubled, as csvField writes it. */
  csvQuoted(out: ByteSink, r: number, c: number, s: string): void {
    this.quoted(out, this.span(r, c, s), s.includes('"'), DOUBLED_QUOTE, null);
  }

  /**
   * s as a JSON string (with its quotes), the UTF-8 of JSON.stringify(s), or false when it must be
   * made by JSON.stringify (a character to escape other than a line feed or a quote, or a lone
   * surrogate).
   */
  json(out: ByteSink, r: number, c: number, s: string): boolean {
    if (JSON_ESCAPES.test(s) || !wellFormed(s)) return false;
    this.quoted(out, this.span(r, c, s), s.includes('"'), BACKSLASH_QUOTE, BACKSLASH_N);
    return true;
  }

  /**
   * Slot k's bytes between quotes, each quote written as `quote` and, when `lf` is given, each line
   * feed as `lf`. Both are single bytes in UTF-8 (never inside a multi-byte sequence), found by two
   * native scans merged in order.
   */
  private quoted(
    out: ByteSink,
    k: number,
    hasQuote: boolean,
    quote: Uint8Array,
    lf: Uint8Array | null,
  ): void {
    const src = this.arena;
    const buf = src.buf;
    const end = this.ends[k] as number;
    let at = this.starts[k] as number;
    out.byte(0x22);
    let nl = lf ? find(buf, 0x0a, at, end) : -1;
    let q = hasQuote ? find(buf, 0x22, at, end) : -1;
    while (nl !== -1 || q !== -1) {
      const isNl = q === -1 || (nl !== -1 && nl < q);
      const p = isNl ? nl : q;
      out.copy(src, at, p);
      out.bytes(isNl ? (lf as Uint8Array) : quote);
      at = p + 1;
      if (isNl) nl = find(buf, 0x0a, at, end);
      else q = find(buf, 0x22, at, end);
    }
    out.copy(src, at, end);
    out.byte(0x22);
  }
}
