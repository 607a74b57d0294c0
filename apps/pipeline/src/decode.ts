// Charset decoding of text inputs. Order of evidence: a byte-order mark, then the charset the
// page or transport declares, then UTF-8 validity; invalid UTF-8 falls back to windows-1256 (the
// common legacy Arabic code page) and the result is flagged so the user can audit it.

export interface Decoded {
  text: string;
  charset: string;
  /** Set when the decoding is a guess the user should know about. */
  flag?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function tryDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}

/** Share of NUL and other C0 control bytes (tab, CR, LF, FF excepted) in the first 8 KB: binary files score high. */
export function controlRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) bad++;
  }
  return bad / n;
}

/** Charset named in a `<meta charset>` or `<meta http-equiv content-type>` within the first 4 KB. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/** Charset from a Content-Type header value, e.g. `text/html; charset=windows-1256`. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})/i.exec(contentType);
  return m?.[1]?.toLowerCase();
}

function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8';
}

/**
 * Decode bytes to a string. Throws (with a message saying what to do) for binary input.
 * `declared` is the charset from the transport (HTTP header, WARC, sidecar) if any.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string, isHtml = false): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8OrFallback(bytes.subarray(3), 'utf-8 (BOM)');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le (BOM)' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be (BOM)' };
  }
  if (controlRatio(bytes) > 0.05) {
    throw new Error(
      'input looks binary (many NUL/control bytes), not text or HTML; remove it from the inputs or convert it to text first',
    );
  }
  const label = declared?.toLowerCase() ?? (isHtml ? sniffMetaCharset(bytes) : undefined);
  if (label && !isUtf8Label(label)) {
    const dec = tryDecoder(label);
    if (dec) {
      try {
        return { text: dec.decode(bytes), charset: dec.encoding };
      } catch {
        // The declared charset is wrong for these bytes: fall through to evidence from the bytes.
      }
      const viaUtf8 = decodeUtf8OrFallback(bytes, 'utf-8');
      return {
        ...viaUtf8,
        flag: `declared charset ${label} does not fit the bytes; decoded as ${viaUtf8.charset}${viaUtf8.flag ? ` (${viaUtf8.flag})` : ''}`,
      };
    }
  }
  return decodeUtf8OrFallback(bytes, 'utf-8');
}

function decodeUtf8OrFallback(bytes: Uint8Array, name: string): Decoded {
  try {
    return { text: utf8.decode(bytes), charset: name };
  } catch {
    const text = new TextDecoder('windows-1256').decode(bytes);
    return {
      text,
      charset: 'windows-1256',
      flag: 'invalid UTF-8; decoded as windows-1256 (legacy Arabic); check the source charset',
    };
  }
}
