/** Text decoded from bytes, with the encoding used and how it was chosen. */
export interface Decoded {
  text: string;
  encoding: string;
  /** 'bom' | 'content-type' | 'meta' | 'utf-8-valid' | 'fallback' */
  from: string;
  warnings: string[];
}

const PRESCAN_BYTES = 4096;

/** The charset parameter of a Content-Type value: 'text/html; charset=windows-1256' -> 'windows-1256'. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /charset\s*=\s*["']?([\w.:-]{1,40})/i.exec(contentType);
  return m?.[1]?.toLowerCase();
}

/**
 * The charset a page declares in its first 4 KB: `<meta charset="...">` or
 * `<meta http-equiv="Content-Type" content="text/html; charset=...">` (the HTML prescan, simplified).
 * The bytes are read as Latin-1, which maps each byte to one code unit, so ASCII markup is intact
 * whatever the real encoding.
 */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const prefix = bytes.subarray(0, PRESCAN_BYTES);
  if (!hasMetaOpen(prefix)) return undefined;
  // Byte -> code unit by hand: TextDecoder('latin1') is windows-1252 and is slow on high bytes
  // (~30 us per 4 KB of Arabic UTF-8), which every input pays.
  const head = String.fromCharCode.apply(null, prefix as unknown as number[]);
  const re = /<meta\b([^>]{0,400})>/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const attrs = m[1]!;
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]{1,40})/i.exec(attrs);
    if (direct) return direct[1]!.toLowerCase();
  }
  return undefined;
}

/** Does `<meta` (any case) occur in the bytes? A byte scan, so plain-text inputs skip decoding. */
function hasMetaOpen(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x3c); i !== -1 && i + 4 < bytes.length; i = bytes.indexOf(0x3c, i + 1)) {
    if (
      (bytes[i + 1]! | 0x20) === 0x6d &&
      (bytes[i + 2]! | 0x20) === 0x65 &&
      (bytes[i + 3]! | 0x20) === 0x74 &&
      (bytes[i + 4]! | 0x20) === 0x61
    )
      return true;
  }
  return false;
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8, or undefined when they are not valid UTF-8 (one decode does both). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return FATAL_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

export interface DecodeOptions {
  /**
   * A strict UTF-8 decoder to use instead of TextDecoder's: the text of valid UTF-8 bytes, or
   * undefined. TextDecoder is portable but slow on Arabic; a caller on Node can pass a faster one
   * (the akhbar pipeline uses Node's transcoder), with the same results.
   */
  strictUtf8?: (bytes: Uint8Array) => string | undefined;
}

/**
 * Decodes HTML bytes. Order, as browsers do: a byte-order mark; the caller's Content-Type charset
 * (the transport layer); the page's own <meta> declaration; valid UTF-8; else windows-1256, the
 * commonest legacy encoding of Arabic pages. A declared UTF-8 that the bytes contradict is not
 * trusted (saved pages often keep a stale header): the next declaration or windows-1256 is used, with
 * a warning.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string, options: DecodeOptions = {}): Decoded {
  const warnings: string[] = [];
  const utf8Of = options.strictUtf8 ?? strictUtf8;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      encoding: 'utf-8',
      from: 'bom',
      warnings,
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      from: 'bom',
      warnings,
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      from: 'bom',
      warnings,
    };
  }
  const declared: Array<[string, string]> = [];
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader) declared.push([fromHeader, 'content-type']);
  const fromMeta = charsetFromMeta(bytes);
  if (fromMeta) declared.push([fromMeta, 'meta']);
  let utf8: string | undefined | null = null; // null: not tried yet
  for (const [label, from] of declared) {
    const decoder = decoderFor(label);
    if (!decoder) {
      warnings.push(`unknown charset "${label}" declared in ${from}; ignored`);
      continue;
    }
    if (decoder.encoding === 'utf-8') {
      if (utf8 === null) utf8 = utf8Of(bytes);
      if (utf8 === undefined) {
        warnings.push(`${from} declares UTF-8 but the bytes are not valid UTF-8; ignored`);
        continue;
      }
      return { text: utf8, encoding: 'utf-8', from, warnings };
    }
    return { text: decoder.decode(bytes), encoding: decoder.encoding, from, warnings };
  }
  if (utf8 === null) utf8 = utf8Of(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', from: 'utf-8-valid', warnings };
  warnings.push('no usable charset declaration and the bytes are not UTF-8: decoded as windows-1256');
  return {
    text: new TextDecoder('windows-1256').decode(bytes),
    encoding: 'windows-1256',
    from: 'fallback',
    warnings,
  };
}
