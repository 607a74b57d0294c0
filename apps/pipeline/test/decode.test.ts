// Charset decoding of inputs: BOMs, declarations, UTF-8 validity, the windows-1256 fallback, binary.
import { describe, expect, it } from 'vitest';
import { controlRatio, decodeBytes } from '../src/decode.js';

const arabic = 'قال وزير الخارجية الصيني وانغ يي';
const utf8 = (s: string) => new TextEncoder().encode(s);

function windows1256(text: string): Uint8Array {
  const dec = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch)!));
}

describe('decodeBytes', () => {
  it('reads valid UTF-8 without a flag', () => {
    expect(decodeBytes(utf8(arabic))).toEqual({ text: arabic, charset: 'utf-8' });
  });
  it('honours a UTF-8 BOM and UTF-16 BOMs', () => {
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(arabic)])).text).toBe(arabic);
    const le = Buffer.from(arabic, 'utf16le');
    expect(decodeBytes(Uint8Array.from([0xff, 0xfe, ...le])).text).toBe(arabic);
  });
  it('falls back to windows-1256 for invalid UTF-8, flagged', () => {
    const d = decodeBytes(windows1256(arabic));
    expect(d.text).toBe(arabic);
    expect(d.charset).toBe('windows-1256');
    expect(d.flag).toMatch(/invalid UTF-8/);
  });
  it('trusts a declared legacy charset when the bytes are not UTF-8', () => {
    const d = decodeBytes(windows1256(arabic), 'text/html; charset=windows-1256');
    expect(d.text).toBe(arabic);
    expect(d.flag).toBeUndefined();
  });
  it('overrides a legacy declaration on valid multi-byte UTF-8, flagged', () => {
    const d = decodeBytes(utf8(`<meta charset="iso-8859-1"><p>${arabic}</p>`));
    expect(d.text).toContain(arabic);
    expect(d.flag).toMatch(
      /declared charset windows-1252 \(meta\) does not fit the bytes, which are valid UTF-8/,
    );
  });
  it('refuses binary input with a message saying what to do', () => {
    const bin = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0 : i % 256));
    expect(controlRatio(bin)).toBeGreaterThan(0.05);
    expect(() => decodeBytes(bin)).toThrow(/looks binary.*remove it from the inputs/);
  });
});

describe('controlRatio', () => {
  // The plain reading, byte by byte, over the first 8 KB.
  const reference = (bytes: Uint8Array) => {
    const n = Math.min(bytes.length, 8192);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[i]!;
      if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) bad++;
    }
    return n === 0 ? 0 : bad / n;
  };

  it('equals the byte-by-byte count at every alignment, length and mix of control bytes', () => {
    let x = 7;
    const rand = () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x >>> 8;
    };
    const big = new Uint8Array(9000);
    for (let t = 0; t < 3000; t++) {
      // Control bytes from none to most; every byte value occurs.
      const share = t % 7;
      for (let i = 0; i < 300; i++) big[i] = rand() % 7 < share ? rand() % 0x20 : rand() & 0xff;
      const from = rand() % 16;
      const v = big.subarray(from, from + (rand() % 280));
      expect(controlRatio(v), `case ${t}`).toBe(reference(v));
    }
    for (let i = 0; i < big.length; i++) big[i] = i % 97 === 0 ? 0 : 0xd8 + (i & 1);
    for (const from of [0, 1, 2, 3])
      expect(controlRatio(big.subarray(from))).toBe(reference(big.subarray(from)));
    expect(controlRatio(utf8(arabic))).toBe(0);
    expect(controlRatio(new Uint8Array(0))).toBe(0);
  });
});
