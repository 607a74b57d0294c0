// Charset decoding of inputs. The charset evidence (BOM, transport Content-Type, <meta>, UTF-8
// validity, windows-1256 fallback) is read by @akhbar/boilerplate's decodeHtml; the app adds what a
// crawl needs around it: binary files are refused with a clear message, a legacy declaration on
// bytes that are valid multi-byte UTF-8 is overridden (mislabelled pages are common, and valid UTF-8
// is almost never legacy text by chance), and every guess is surfaced as a flag for the errors table.
import { decodeHtml } from './stages.js';
import { strictUtf8Text } from './utf8.js';

export interface Decoded {
  text: string;
  charset: string;
  /** Set when the decoding is a guess or an override the user should know about. */
  flag?: string;
}

const isControl = (b: number) => b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12;

/** Share of NUL and other C0 control bytes (tab, CR, LF, FF excepted) in the first 8 KB: binary files score high. */
export function controlRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  // Four bytes at a time from the first aligned one: a word with no byte below 0x20 (most words of
  // text: the test below has no false negatives) is passed over at once; others are counted by byte.
  const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (let i = 0; i < head; i++) if (isControl(bytes[i]!)) bad++;
  const count = (n - head) >> 2;
  if (count > 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, count);
    for (let w = 0; w < count; w++) {
      const x = words[w]!;
      if (((x - 0x20202020) & ~x & 0x80808080) === 0) continue;
      for (let i = head + 4 * w, end = i + 4; i < end; i++) if (isControl(bytes[i]!)) bad++;
    }
  }
  for (let i = head + 4 * count; i < n; i++) if (isControl(bytes[i]!)) bad++;
  return bad / n;
}

function hasBom(bytes: Uint8Array): boolean {
  return (
    (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes.length >= 2 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
  );
}

function hasMultibyte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Decode the bytes of a text or HTML input. `contentType` is the transport's Content-Type (HTTP
 * header in a WARC, JSONL or sidecar field), if any. Throws, with what to do, for binary input.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string): Decoded {
  if (!hasBom(bytes) && controlRatio(bytes) > 0.05) {
    throw new Error(
      'input looks binary (many NUL/control bytes), not text or HTML; remove it from the inputs or convert it to text first',
    );
  }
  const d = decodeHtml(bytes, contentType, { strictUtf8: strictUtf8Text });
  const flags = [...d.warnings];
  const legacy = d.encoding !== 'utf-8' && !d.encoding.startsWith('utf-16');
  if (legacy && (d.from === 'content-type' || d.from === 'meta') && hasMultibyte(bytes)) {
    const text = strictUtf8Text(bytes);
    // Not UTF-8: the declaration stands.
    if (text !== undefined) {
      flags.push(
        `declared charset ${d.encoding} (${d.from}) does not fit the bytes, which are valid UTF-8; decoded as UTF-8`,
      );
      return { text, charset: 'utf-8', flag: flags.join('; ') };
    }
  }
  if (d.from === 'fallback') {
    return {
      text: d.text,
      charset: d.encoding,
      flag: 'invalid UTF-8 and no charset declared; decoded as windows-1256 (legacy Arabic); check the source charset',
    };
  }
  return flags.length
    ? { text: d.text, charset: d.encoding, flag: flags.join('; ') }
    : { text: d.text, charset: d.encoding };
}
