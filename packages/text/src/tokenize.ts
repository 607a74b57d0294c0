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

/**
 * The tokenizer's scan without the Token objects: calls `visit` for each token, in order. Hot paths
 * (word counts, MinHash shingles) use it so that no string or object is made per token.
 * Hand-written scanner: one pass, no regex backtracking, linear in the input whatever it holds.
 */
export function scanTokens(source: string, visit: TokenVisitor): void {
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (isSpace(c) || (c < 0x20 && c !== 0)) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (isArabicLetter(c)) {
      i++;
      while (i < n && isArabicWordUnit(source.charCodeAt(i))) i++;
      // A trailing joiner belongs to no word.
      while (i > start + 1 && (source.charCodeAt(i - 1) === ZWNJ || source.charCodeAt(i - 1) === ZWJ)) i--;
      kind = 'arabic';
    } else if (isDigit(c)) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (isDigit(d)) i++;
        else if (isNumberJoiner(d) && i + 1 < n && isDigit(source.charCodeAt(i + 1))) i += 2;
        else break;
      }
      kind = 'number';
    } else if (isLatinLetter(c)) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (isLatinLetter(d) || (d >= 0x30 && d <= 0x39)) i++;
        else if (
          (d === 0x27 || d === 0x2019 || d === 0x2d) &&
          i + 1 < n &&
          isLatinLetter(source.charCodeAt(i + 1))
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
      if (isDiacritic(c) || c === TATWEEL) {
        // A stray mark with no letter before it: attach any marks that follow.
        while (i < n && isDiacritic(source.charCodeAt(i))) i++;
        kind = 'symbol';
      } else {
        kind = isPunct(c) ? 'punct' : 'symbol';
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
