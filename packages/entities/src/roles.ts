import { type Doc, src, tokenEnd } from './doc.js';
import { PERSON_TITLES, TITLE_WORDS } from './lexicon.js';
import { conjStripped, HONORIFICS, isNisba } from './words.js';

/** A role made only of honorifics (السيد، الشيخ الدكتور) is too weak to anchor a short form such as سعيد. */
export function honorificOnly(doc: Doc, i: number, role: [number, number]): boolean {
  for (let k = i - 1; k >= 0 && tokenEnd(doc, k) > role[0]; k--) {
    const w = doc.recs[k]!.key;
    if (w !== '،' && w !== ',' && !HONORIFICS.has(w)) return false;
  }
  return true;
}

/**
 * The title right before token i (وزير الخارجية الصيني، | نظيره الروسي): scans back over title words, nisba
 * adjectives and one comma, and keeps the span from the leftmost title head. Returns the key span or undefined.
 */
export function roleBefore(doc: Doc, i: number, allowComma = true): [number, number] | undefined {
  const { recs } = doc;
  let k = i - 1;
  if (allowComma && k >= 0 && (recs[k]?.key === '،' || recs[k]?.key === ',')) k--;
  const last = k;
  let head = -1;
  let headOffset = 0;
  for (let steps = 0; k >= 0 && steps < 9; k--, steps++) {
    const w = recs[k]!.key;
    if (PERSON_TITLES.has(w)) {
      // A definite title right before another title is a separate noun (استقبل الوزير | السفير البرازيلي).
      if (head === k + 1 && w.startsWith('ال')) break;
      head = k;
      headOffset = 0;
      continue;
    }
    if (TITLE_WORDS.has(w) || isNisba(w)) continue;
    const bare = conjStripped(w);
    if (bare && PERSON_TITLES.has(bare)) {
      head = k;
      headOffset = 1;
    }
    break;
  }
  if (head < 0 || last < head) return undefined;
  return [src(doc, head, headOffset), tokenEnd(doc, last)];
}

/**
 * Whether the title before token i may introduce an unknown person: not a bare construct head (وزير X is
 * وزير + complement, رئيس انرون is an organisation's head) and not "المتحدث باسم" whose next word is an organisation.
 */
export function personRoleOpensName(doc: Doc, i: number): boolean {
  const prev = doc.recs[i - 1]!.key;
  if (prev === 'باسم') return false;
  const prev2 = doc.recs[i - 2]?.key;
  const single =
    prev2 === undefined || !(PERSON_TITLES.has(prev2) || TITLE_WORDS.has(prev2) || isNisba(prev2));
  if (single && PERSON_TITLES.has(prev) && !prev.startsWith('ال')) return false;
  return true;
}
