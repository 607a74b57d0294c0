import { isArabicLetter, isDiacritic, isDigit, isLatinLetter, isSpace, TATWEEL } from './chars.js';

export type TokenKind = 'arabic' | 'latin' | 'number' | 'punct' | 'symbol';

/** A token is a span of its source: `source.slice(start, end) === text`. */
export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

function isArabicWordUnit(c: number): boolean {
  return isArabicLetter(c) || isDiacritic(c) || c === TATWEEL || c === ZWNJ || c === ZWJ;
}

// Separators allowed inside a number when a digit follows: 1,000  3.5  ٣٫٥  ١٬٠٠٠
function isNumberJoiner(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x066b || c === 0x066c;
}

function isPunct(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e) ||
    c === 0x060c || // ،
    c === 0x061b || // ؛
    c === 0x061f || // ؟
    c === 0x06d4 || // ۔
    c === 0x066a || // ٪
    c === 0xab ||
    c === 0xbb ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e)
  );
}

/** Called for each token of a scan: `source.slice(start, end)` is the token. */
export type TokenVisitor = (start: number, end: number, kind: TokenKind) => void;

// Character classes of every UTF-16 code unit, as bits in one 64 KB table built from the tests above: the
// scanner reads one byte per character instead of running the range tests, which roughly halves its time.
const SKIP = 1; // space or control character between tokens
const LETTER = 2; // starts an Arabic word
const UNIT = 4; // continues an Arabic word (letters, marks, tatweel, joiners)
const DIGIT = 8;
const LATIN = 16;
const PUNCT = 32;
const MARK = 64; // a diacritic
const CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    let k = 0;
    if (isSpace(c) || (c < 0x20 && c !== 0)) k |= SKIP;
    if (isArabicLetter(c)) k |= LETTER;
    if (isArabicWordUnit(c)) k |= UNIT;
    if (isDigit(c)) k |= DIGIT;
    if (isLatinLetter(c)) k |= LATIN;
    if (isPunct(c)) k |= PUNCT;
    if (isDiacritic(c)) k |= MARK;
    t[c] = k;
  }
  return t;
})();

/**
 * The tokenizer's scan without the Token objects: calls `visit` for each token, in order. Hot paths
 * (word counts, MinHash shingles, the entity tagger) use it so that no string or object is made per token.
 * Hand-written scanner: one pass, no regex backtracking, linear in the input whatever it holds.
 */
export function scanTokens(source: string, visit: TokenVisitor): void {
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    const cls = CLASS[c]!;
    if (cls & SKIP) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (cls & LETTER) {
      i++;
      while (i < n && CLASS[source.charCodeAt(i)]! & UNIT) i++;
      // A trailing joiner belongs to no word.
      while (i > start + 1 && (source.charCodeAt(i - 1) === ZWNJ || source.charCodeAt(i - 1) === ZWJ)) i--;
      kind = 'arabic';
    } else if (cls & DIGIT) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (CLASS[d]! & DIGIT) i++;
        else if (isNumberJoiner(d) && i + 1 < n && CLASS[source.charCodeAt(i + 1)]! & DIGIT) i += 2;
        else break;
      }
      kind = 'number';
    } else if (cls & LATIN) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (CLASS[d]! & LATIN || (d >= 0x30 && d <= 0x39)) i++;
        else if (
          (d === 0x27 || d === 0x2019 || d === 0x2d) &&
          i + 1 < n &&
          CLASS[source.charCodeAt(i + 1)]! & LATIN
        )
          i += 2;
        else break;
      }
      kind = 'latin';
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      i += 2;
      kind = 'symbol';
    } else {
      i++;
      if (cls & MARK || c === TATWEEL) {
        // A stray mark with no letter before it: attach any marks that follow.
        while (i < n && CLASS[source.charCodeAt(i)]! & MARK) i++;
        kind = 'symbol';
      } else {
        kind = cls & PUNCT ? 'punct' : 'symbol';
      }
    }
    visit(start, i, kind);
  }
}

/** Splits text into word, number and punctuation tokens with their offsets. */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  scanTokens(source, (start, end, kind) => out.push({ text: source.slice(start, end), start, end, kind }));
  return out;
}

/** Is this kind of token a word (Arabic or Latin) or a number, as opposed to punctuation or a symbol? */
export function isWordKind(kind: TokenKind): boolean {
  return kind === 'arabic' || kind === 'latin' || kind === 'number';
}

/** The number of words and numbers in the text (the `word_count` of an article). */
export function countWords(source: string): number {
  let words = 0;
  scanTokens(source, (_s, _e, kind) => {
    if (isWordKind(kind)) words++;
  });
  return words;
}
