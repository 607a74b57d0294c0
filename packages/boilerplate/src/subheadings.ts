import { SENTENCE_OPENERS, wordKey } from './lexicon.js';

/** A subheading that lost its line breaks: `text === body.slice(start, end)`. */
export interface FlatHeading {
  start: number;
  end: number;
  text: string;
}

// A full stop, then the next three to five words: 'الشاملة" . تواصل وتنسيق استراتيجيان أوضح وانغ'.
// Words are bounded ({2,20} Arabic letters), so matching stays linear on hostile input.
const WORD = '[\\u0621-\\u064a\\u0671-\\u06d3]{2,20}';
const AFTER_STOP_RE = new RegExp(`[.!؟?]["»”]?[ \\u00a0]+(${WORD}(?: ${WORD}){2,4})`, 'g');

function isOpener(word: string): boolean {
  return SENTENCE_OPENERS.has(wordKey(word));
}

/**
 * Finds subheadings flattened into a paragraph: two to four words after a full stop, followed by a
 * word that opens a news sentence (قال، أوضح، بعد ...). Only reported (blocks and warnings), never
 * removed: the words belong to the article. A heading does not start with ال (section heads are
 * indefinite noun phrases) nor with a conjunction و/ف, which keeps ordinary sentences out.
 */
export function findFlatHeadings(paragraph: string, offset: number): FlatHeading[] {
  const out: FlatHeading[] = [];
  AFTER_STOP_RE.lastIndex = 0;
  for (let m = AFTER_STOP_RE.exec(paragraph); m; m = AFTER_STOP_RE.exec(paragraph)) {
    const words = m[1]!.split(' ');
    const first = words[0]!;
    if (first.startsWith('ال') || first.startsWith('و') || first.startsWith('ف') || isOpener(first)) continue;
    for (let k = 2; k <= 4 && k < words.length; k++) {
      if (isOpener(words[k - 1]!)) break;
      if (!isOpener(words[k]!)) continue;
      const text = words.slice(0, k).join(' ');
      const start = offset + m.index + m[0].length - m[1]!.length;
      out.push({ start, end: start + text.length, text });
      break;
    }
  }
  return out;
}
