// Character classes over UTF-16 code units. Hand-written switch/range tests instead of regexes:
// normalization and tokenization run on every byte of every article, and these are the hot path.

/** Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks). */
export function isDiacritic(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x06d6 && c <= 0x06dc) ||
    (c >= 0x06df && c <= 0x06e8) ||
    (c >= 0x06ea && c <= 0x06ed) ||
    (c >= 0x08d3 && c <= 0x08ff && c !== 0x08e2)
  );
}

export const TATWEEL = 0x0640;

/** Zero-width and bidirectional control characters, and the BOM: invisible, never part of a match key. */
export function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x061c
  );
}

/** Any white space, including NBSP and the typographic spaces that Arabic sites paste in. */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Arabic letters proper (base letters of the Arabic block and its supplements), not digits or marks. */
export function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x063f) ||
    (c >= 0x0641 && c <= 0x064a) ||
    (c >= 0x0671 && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06ee && c <= 0x06ef) ||
    (c >= 0x06fa && c <= 0x06fc) ||
    c === 0x06ff ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc) ||
    c === 0x0621
  );
}

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits: returns 0-9, or -1. */
export function easternDigitValue(c: number): number {
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0;
  return -1;
}

export function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || easternDigitValue(c) >= 0;
}

export function isLatinLetter(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

/** True when the string holds at least one Arabic letter. */
export function hasArabic(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isArabicLetter(s.charCodeAt(i))) return true;
  return false;
}

/** Share of letters that are Arabic (0 when the string has no letters). */
export function arabicRatio(s: string): number {
  let arabic = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isArabicLetter(c)) {
      arabic++;
      letters++;
    } else if (isLatinLetter(c) || (c > 0x370 && c < 0x2000 && !isDiacritic(c) && c !== TATWEEL)) {
      letters++;
    }
  }
  return letters === 0 ? 0 : arabic / letters;
}
