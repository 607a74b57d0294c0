// CSV and JSONL are built as UTF-8 bytes, cell by cell, rather than as one long string encoded at the
// end: a string of thousands of concatenated pieces must first be copied flat before TextEncoder
// can transcode it, and that copy cost as much as the transcoding (a third of the mentions table).

const encoder = new TextEncoder();

/** Strings up to this many code units are encoded by the loop below (no view of the buffer is made). */
const SHORT = 64;

/** A growable buffer of UTF-8 bytes. */
export class ByteSink {
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  /** Room for n more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /**
   * The UTF-8 bytes of s, as TextEncoder gives them (an unpaired surrogate becomes U+FFFD). Callers
   * write whole cells, whose neighbours are ASCII, so a surrogate pair is never split across calls.
   */
  text(s: string): void {
    const n = s.length;
    this.reserve(3 * n);
    const buf = this.buf;
    let p = this.pos;
    if (n > SHORT) {
      this.pos = p + encoder.encodeInto(s, buf.subarray(p)).written;
      return;
    }
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[p++] = 0xf0 | (cp >> 18);
            buf[p++] = 0x80 | ((cp >> 12) & 63);
            buf[p++] = 0x80 | ((cp >> 6) & 63);
            buf[p++] = 0x80 | (cp & 63);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    this.pos = p;
  }

  /** A string known to be ASCII (numbers, keys): one byte a unit, no checks. */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A few bytes (a separator, a key made once). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i] as number;
    this.pos = p;
  }

  /** One ASCII byte. */
  byte(b: number): void {
    if (this.pos === this.buf.length) this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** Bytes `from` to `to` of another sink (short runs: a loop beats making a view to copy from). */
  copy(from: ByteSink, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    const src = from.buf;
    const buf = this.buf;
    let p = this.pos;
    if (n > SHORT) buf.set(src.subarray(start, end), p);
    else for (let i = start; i < end; i++) buf[p++] = src[i] as number;
    this.pos += n;
  }

  /** The bytes written so far (a view, valid until the next write), and start again. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }
}
