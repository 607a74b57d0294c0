import { easternDigitValue, isDiacritic, isInvisible, isSpace, TATWEEL } from './chars.js';

/** Which folds to apply. Every fold is on by default: the result is a match key, not display text. */
export interface NormalizeOptions {
  /** أ إ آ ٱ ٲ ٳ → ا */
  alef?: boolean;
  /** ى (alef maqsura) and Persian ی → ي */
  yeh?: boolean;
  /** ة → ه */
  tehMarbuta?: boolean;
  /** ؤ → و, ئ → ي (hamza on a carrier becomes the bare carrier) */
  hamzaCarriers?: boolean;
  /** Remove harakat, tanween, shadda, sukun, superscript alef. */
  diacritics?: boolean;
  /** Remove tatweel (ـ). */
  tatweel?: boolean;
  /** Arabic-Indic and Persian digits → 0-9. */
  digits?: boolean;
  /** Remove zero-width and bidi control characters. */
  invisibles?: boolean;
  /** NBSP, tabs, newlines and other spaces → one ASCII space each (no collapsing, so lengths stay predictable). */
  spaces?: boolean;
  /** Persian/Urdu letter forms (ک ی ۀ ہ) → Arabic (ك ي ه ه); presentation forms → base letters. */
  letterForms?: boolean;
  /** Latin letters → lower case. */
  lowercase?: boolean;
}

/**
 * A match key built from a source string, with a map back to it.
 * `starts[i]` and `ends[i]` are the half-open source span that produced key character `i`.
 */
export interface Normalized {
  readonly source: string;
  readonly text: string;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

const DEFAULTS: Required<NormalizeOptions> = {
  alef: true,
  yeh: true,
  tehMarbuta: true,
  hamzaCarriers: true,
  diacritics: true,
  tatweel: true,
  digits: true,
  invisibles: true,
  spaces: true,
  letterForms: true,
  lowercase: true,
};

/** Maps one code unit to its replacement under the options; returns -1 to drop it, -2 to expand via NFKC. */
function foldUnit(c: number, o: Required<NormalizeOptions>): number {
  if (c < 0x80) {
    if (o.lowercase && c >= 0x41 && c <= 0x5a) return c + 32;
    if (o.spaces && c >= 0x09 && c <= 0x0d) return 0x20;
    return c;
  }
  switch (c) {
    case 0x0623: // أ
    case 0x0625: // إ
    case 0x0622: // آ
    case 0x0671: // ٱ
    case 0x0672:
    case 0x0673:
      return o.alef ? 0x0627 : c;
    case 0x0649: // ى
      return o.yeh ? 0x064a : c;
    case 0x06cc: // ی Persian yeh
      return o.yeh || o.letterForms ? 0x064a : c;
    case 0x0629: // ة
      return o.tehMarbuta ? 0x0647 : c;
    case 0x0624: // ؤ
      return o.hamzaCarriers ? 0x0648 : c;
    case 0x0626: // ئ
      return o.hamzaCarriers ? 0x064a : c;
    case 0x06a9: // ک
      return o.letterForms ? 0x0643 : c;
    case 0x06c0: // ۀ
    case 0x06c1: // ہ
      return o.letterForms ? 0x0647 : c;
    case TATWEEL:
      return o.tatweel ? -1 : c;
  }
  if (o.diacritics && isDiacritic(c)) return -1;
  if (o.invisibles && isInvisible(c)) return -1;
  if (o.spaces && isSpace(c)) return 0x20;
  if (o.digits) {
    const d = easternDigitValue(c);
    if (d >= 0) return 0x30 + d;
  }
  if (o.letterForms && ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc))) return -2;
  if (o.lowercase && c >= 0xc0 && c <= 0x24f) return -3;
  return c;
}

function resolve(options?: NormalizeOptions): Required<NormalizeOptions> {
  return options ? { ...DEFAULTS, ...options } : DEFAULTS;
}

// One fold table per option set: a 64K Int32Array indexed by code unit turns the per-character
// switch into one load, which is what makes normalization run at tens of MB/s.
const TABLES = new Map<string, Int32Array>();

function tableFor(o: Required<NormalizeOptions>): Int32Array {
  // The default options skip the key: building it costs more than folding a word.
  if (o === DEFAULTS && defaultTable) return defaultTable;
  const id = Object.values(o)
    .map((v) => (v ? 1 : 0))
    .join('');
  let t = TABLES.get(id);
  if (!t) {
    t = new Int32Array(0x10000);
    for (let c = 0; c < 0x10000; c++) t[c] = c >= 0xd800 && c <= 0xdfff ? -4 : foldUnit(c, o);
    TABLES.set(id, t);
  }
  if (o === DEFAULTS) defaultTable = t;
  return t;
}

const UTF16 = new TextDecoder('utf-16le');
const NO_MAP = new Uint32Array(0);
// Units of keys up to 4 KB, reused between calls; a longer key gets its own array, so no large buffer is kept.
const SCRATCH = new Uint16Array(4096);

/**
 * Builds the match key of `source` with an offset map back to it. The source is never changed:
 * callers search the key and report spans in the source through {@link toSourceSpan}.
 */
export function normalize(source: string, options?: NormalizeOptions): Normalized {
  return fold(source, resolve(options), true);
}

/**
 * The fold behind normalize and normalizeKey. Without the map it writes only the key's units, 2 of
 * the 10 bytes per character that the map costs: dedupe calls normalizeKey on every body.
 */
function fold(source: string, o: Required<NormalizeOptions>, withMap: boolean): Normalized {
  const table = tableFor(o);
  const n = source.length;
  // A key is never longer than its source except for presentation-form ligatures (at most 4 units each).
  let cap = n + 16;
  // Without the map a short key's units go to one buffer kept between calls: allocating typed arrays costs
  // more than folding a word, and the entity tagger normalizes every word it has not seen before.
  let units = !withMap && cap <= SCRATCH.length ? SCRATCH : new Uint16Array(cap);
  cap = units.length;
  let starts = withMap ? new Uint32Array(cap) : NO_MAP;
  let ends = withMap ? new Uint32Array(cap) : NO_MAP;
  let k = 0;
  const grow = () => {
    cap = cap * 2;
    const u = new Uint16Array(cap);
    u.set(units);
    units = u;
    if (!withMap) return;
    const s = new Uint32Array(cap);
    s.set(starts);
    starts = s;
    const e = new Uint32Array(cap);
    e.set(ends);
    ends = e;
  };
  const pushString = (s: string, from: number, to: number) => {
    for (let j = 0; j < s.length; j++) {
      if (k >= cap) grow();
      units[k] = s.charCodeAt(j);
      if (withMap) {
        starts[k] = from;
        ends[k] = to;
      }
      k++;
    }
  };
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const f = table[c]!;
    if (f >= 0) {
      if (k >= cap) grow();
      units[k] = f;
      if (withMap) {
        starts[k] = i;
        ends[k] = i + 1;
      }
      k++;
    } else if (f === -1) {
      // dropped
    } else if (f === -4) {
      // Surrogates pass through; a valid pair maps to both units.
      const pair = c <= 0xdbff && i + 1 < n && (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      pushString(source.slice(i, pair ? i + 2 : i + 1), i, pair ? i + 2 : i + 1);
      if (pair) i++;
    } else if (f === -2) {
      pushString(foldString(source[i]!.normalize('NFKC'), o), i, i + 1);
    } else {
      pushString(source[i]!.toLowerCase(), i, i + 1);
    }
  }
  const text = k > 64 ? UTF16.decode(units.subarray(0, k)) : decodeShort(units, k);
  return withMap
    ? { source, text, starts: starts.subarray(0, k), ends: ends.subarray(0, k) }
    : { source, text, starts, ends };
}

/**
 * units[0, k) as a string, decoded as TextDecoder('utf-16le') does (a surrogate not in a pair becomes
 * U+FFFD), without its fixed cost, which is more than a word's whole fold: the entity tagger normalizes
 * every word it has not seen before.
 */
function decodeShort(units: Uint16Array, k: number): string {
  let text = '';
  for (let j = 0; j < k; j++) {
    const u = units[j]!;
    if ((u & 0xf800) !== 0xd800) text += String.fromCharCode(u);
    else if (u <= 0xdbff && j + 1 < k && (units[j + 1]! & 0xfc00) === 0xdc00) {
      text += String.fromCharCode(u, units[j + 1]!);
      j++;
    } else text += '\ufffd';
  }
  return text;
}

// Folds an already-expanded string (the NFKC output of a presentation form) without recursion into NFKC.
function foldString(s: string, o: Required<NormalizeOptions>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const f = foldUnit(s.charCodeAt(i), o);
    if (f >= 0) out += String.fromCharCode(f);
    else if (f === -3) out += s[i]!.toLowerCase();
  }
  return out;
}

/** The match key alone, for building dictionaries: `normalizeKey(a) === normalizeKey(b)` means a and b match. */
export function normalizeKey(s: string, options?: NormalizeOptions): string {
  return fold(s, resolve(options), false).text;
}

// tableFor looks its table up by a key built from the options: too slow once per word.
let defaultTable: Int32Array | undefined;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32-bit) over the UTF-16 code units of s. */
function fnv1a(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * FNV-1a (32-bit) of `normalizeKey(s.slice(start, end))` under the default folds, computed without
 * building the slice or the key: near-duplicate detection hashes every word of every body, and
 * those two strings per word were most of its cost. Units whose fold is not one unit or nothing
 * (surrogates, presentation forms, accented Latin) take the plain path.
 */
export function keyHash(s: string, start = 0, end: number = s.length): number {
  defaultTable ??= tableFor(DEFAULTS);
  const table = defaultTable;
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const f = table[s.charCodeAt(i)]!;
    if (f >= 0) h = Math.imul(h ^ f, FNV_PRIME);
    else if (f !== -1) return fnv1a(normalizeKey(s.slice(start, end)));
  }
  return h >>> 0;
}

/**
 * Maps a half-open span of the key back to the half-open span of the source that produced it.
 * An empty span maps to an empty span at the source position of `start`.
 */
export function toSourceSpan(n: Normalized, start: number, end: number): [number, number] {
  if (start < 0 || end > n.text.length || start > end) {
    throw new RangeError(`span [${start}, ${end}) is outside the key of length ${n.text.length}`);
  }
  if (n.text.length === 0) return [0, 0];
  if (start === end) {
    const at = start < n.starts.length ? n.starts[start]! : n.source.length;
    return [at, at];
  }
  let e = n.ends[end - 1]!;
  // Marks dropped from the key after the last character still belong to it (لافروفُ, بوتيـن).
  while (e < n.source.length) {
    const c = n.source.charCodeAt(e);
    if (!(isDiacritic(c) || c === TATWEEL)) break;
    e++;
  }
  return [n.starts[start]!, e];
}
