import { procliticSplits } from '@akhbar/text';
import {
  LOC_TRIGGERS,
  LOC_TRIGGERS_DEFINITE,
  ORG_TRIGGERS,
  PERSON_TITLES,
  STOPWORDS,
  TITLE_WORDS,
} from './lexicon.js';

export function isNisba(w: string): boolean {
  return w.length >= 5 && w.startsWith('ال') && (w.endsWith('ي') || w.endsWith('يه'));
}

// Nisba adjectives that follow a name as a description, not as a family name (ويليام روتو الكيني is rare; these are not names).
export const NOT_FAMILY: ReadonlySet<string> = new Set([
  'الحالي',
  'السابق',
  'الجديد',
  'الراحل',
  'الماضي',
  'الثاني',
  'الاول',
]);

// Normalized keys (ة→ه, أ→ا).
export const HONORIFICS: ReadonlySet<string> = new Set([
  'السيد',
  'السيده',
  'الشيخ',
  'الشيخه',
  'الدكتور',
  'الحاج',
  'الاستاذ',
]);

export function isTitleWord(w: string): boolean {
  return PERSON_TITLES.has(w) || TITLE_WORDS.has(w);
}

/** The word without a leading conjunction (و ف), when that leaves a title: ووزير، والرئيس. */
export function conjStripped(w: string): string | undefined {
  return (w[0] === 'و' || w[0] === 'ف') && w.length > 3 ? w.slice(1) : undefined;
}

// Per-word answers of the lexicon tests, memoized: discovery asks them for every word of every body.
const MEMO_MAX = 200_000;
function memo<T>(fn: (w: string) => T): (w: string) => T {
  const cache = new Map<string, T>();
  return (w) => {
    let v = cache.get(w);
    if (v === undefined) {
      v = fn(w);
      if (cache.size >= MEMO_MAX) cache.clear();
      cache.set(w, v);
    }
    return v;
  };
}

// A clitic-led word whose stem is a function word or a title (وفي، بمناسبة، والناطق) never starts a name.
export const isStop = memo((w: string): boolean => {
  if (STOPWORDS.has(w)) return true;
  for (const r of procliticSplits(w)) {
    if (r.offset === 0) continue;
    if (r.article && r.prefix !== 'ال') return true; // للجماعة، بالقول: a clitic plus the article is a common noun
    if (STOPWORDS.has(r.stem) || PERSON_TITLES.has(r.stem) || TITLE_WORDS.has(r.stem)) return true;
  }
  return false;
});

// A word that can be part of an unknown name: not a function word, title, trigger, article word or nisba.
export const nameWord = memo(
  (w: string): boolean =>
    w.length >= 2 &&
    !(
      w.startsWith('ال') ||
      isStop(w) ||
      PERSON_TITLES.has(w) ||
      TITLE_WORDS.has(w) ||
      LOC_TRIGGERS.has(w) ||
      ORG_TRIGGERS.has(w) ||
      isNisba(w)
    ),
);

export const AREA: ReadonlySet<string> = new Set(['منطقه']);

/** A word that can open a discovery: an organisation or place trigger, a title word or a nisba. */
export const isCue = memo(
  (w: string): boolean =>
    isTitleWord(w) ||
    isNisba(w) ||
    triggerIn(w, ORG_TRIGGERS) >= 0 ||
    triggerIn(w, LOC_TRIGGERS) >= 0 ||
    (conjStripped(w) !== undefined && PERSON_TITLES.has(conjStripped(w)!)),
);

/** The trigger read off a word, with or without its proclitics (بمدينة → مدينة at offset 1); -1 when none. */
function triggerFinder(set: ReadonlySet<string>): (w: string) => number {
  return memo((w: string): number => {
    if (set.has(w)) return 0;
    for (const r of procliticSplits(w)) if (r.offset > 0 && !r.article && set.has(r.stem)) return r.offset;
    return -1;
  });
}
const TRIGGER_FINDERS = new Map<ReadonlySet<string>, (w: string) => number>();
export function triggerIn(w: string, set: ReadonlySet<string>): number {
  let f = TRIGGER_FINDERS.get(set);
  if (!f) {
    f = triggerFinder(set);
    TRIGGER_FINDERS.set(set, f);
  }
  return f(w);
}

/** The answers discovery asks of a word it visits, all at once (a word record keeps them: see doc.ts). */
export interface WordTests {
  /** triggerIn(w, ORG_TRIGGERS) */
  org: number;
  /** triggerIn(w, LOC_TRIGGERS) */
  loc: number;
  /** triggerIn(w, LOC_TRIGGERS_DEFINITE) */
  locDefinite: number;
  /** triggerIn(w, AREA) */
  area: number;
  nameWord: boolean;
  stop: boolean;
}

export function wordTests(w: string): WordTests {
  return {
    org: triggerIn(w, ORG_TRIGGERS),
    loc: triggerIn(w, LOC_TRIGGERS),
    locDefinite: triggerIn(w, LOC_TRIGGERS_DEFINITE),
    area: triggerIn(w, AREA),
    nameWord: nameWord(w),
    stop: isStop(w),
  };
}
