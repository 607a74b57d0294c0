// The fast UTF-8 decoding of inputs and spool lines gives exactly the strings V8's decoder gives.
import { describe, expect, it } from 'vitest';
import { strictUtf8Text, utf8Text } from '../src/utf8.js';

const arabic = 'قال وزير الخارجية الصيني وانغ يي إن بلاده تدعم الحل السياسي. ';

describe('utf8Text', () => {
  it('decodes short and long, ASCII and Arabic text, emoji and a BOM as Buffer#toString does', () => {
    const texts = [
      '',
      'a',
      'plain ASCII '.repeat(100),
      arabic,
      arabic.repeat(50),
      `\ufeff${arabic.repeat(10)}`,
      `😀 𝔸 ${arabic.repeat(10)} \u200f\u0000 \uffff`,
    ];
    for (const t of texts) {
      const bytes = Buffer.from(t, 'utf8');
      expect(utf8Text(bytes)).toBe(t);
      expect(utf8Text(bytes)).toBe(bytes.toString('utf8'));
    }
  });
  it('decodes a range of a larger buffer, at any offset', () => {
    const body = arabic.repeat(20);
    const bytes = Buffer.concat([Buffer.from('{"x":'), Buffer.from(body), Buffer.from('}\n')]);
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    expect(utf8Text(view, 5, 5 + Buffer.byteLength(body))).toBe(body);
    expect(utf8Text(bytes.subarray(5), 0, Buffer.byteLength(body))).toBe(body);
  });
});

describe('strictUtf8Text', () => {
  it('gives the text of valid UTF-8 and undefined for invalid bytes, long or short', () => {
    const long = Buffer.from(arabic.repeat(20));
    expect(strictUtf8Text(long)).toBe(arabic.repeat(20));
    const cases = [
      Uint8Array.of(0xc3, 0x28), // bad continuation
      Uint8Array.of(0xe2, 0x82), // truncated sequence
      Uint8Array.of(0xed, 0xa0, 0x80), // an encoded surrogate
      Uint8Array.of(0xc0, 0xaf), // overlong
      Buffer.concat([long, Uint8Array.of(0xff)]), // long, invalid at the end
      Buffer.concat([Uint8Array.of(0xd9), long]), // long, invalid at the start
    ];
    for (const c of cases) expect(strictUtf8Text(c)).toBeUndefined();
  });
});
