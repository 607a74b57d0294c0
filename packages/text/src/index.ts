export {
  arabicRatio,
  easternDigitValue,
  hasArabic,
  isArabicLetter,
  isDiacritic,
  isDigit,
  isInvisible,
  isLatinLetter,
  isSpace,
} from './chars.js';
export { type CliticSplit, isProclitic, PROCLITICS, procliticSplits } from './clitics.js';
export { toAsciiDigits } from './digits.js';
export {
  keyHash,
  type Normalized,
  type NormalizeOptions,
  normalize,
  normalizeKey,
  toSourceSpan,
} from './normalize.js';
export {
  countWords,
  isWordKind,
  scanTokens,
  type Token,
  type TokenKind,
  type TokenVisitor,
  tokenize,
} from './tokenize.js';
