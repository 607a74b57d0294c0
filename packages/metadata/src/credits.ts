import { type Normalized, normalize, toSourceSpan } from '@akhbar/text';
import { agencyName } from './lexicon.js';

/** A source credit: who the story is credited to (/مصدر: شينخوا/, المصدر: وام, نقلا عن رويترز), or its author (بقلم، كتب، حوار). */
export interface Credit {
  /** English canonical agency name when the credit is a known agency, else the surface. */
  name: string;
  surface: string;
  /** 'source' (مصدر، المصدر), 'via' (نقلا عن، عن), 'author' (بقلم، كتب), 'photo' (تصوير). */
  kind: 'source' | 'via' | 'author' | 'photo';
}

export interface CreditMatch extends Credit {
  /** Span of the credited name in the text searched. */
  start: number;
  end: number;
}

// One name: up to six words, stopping at the punctuation that closes a credit line or a date.
const NAME = "([\\p{L}][\\p{L}.']*(?: [\\p{L}][\\p{L}.']*){0,5})";
const CREDIT = new RegExp(
  `(?<![\\p{L}])(?:(مصدر الخبر|المصدر|مصدر)|(نقلا عن|نقلاً عن|عن)|(بقلم|كتب|كتبت|كتبه|اعداد|تقرير|حوار|مراسل|مراسله)|(تصوير))(?: *[:：] *| *[-–] *| +)${NAME}`,
  'gu',
);
// Raw cue letters that every credit contains (the cue words minus letters normalization folds): a line
// with none of them is skipped before it is normalized.
const CUES = /مصدر|نقل|عن|قلم|كتب|عداد|تقرير|حوار|مراسل|تصوير/;
const KINDS: Credit['kind'][] = ['source', 'via', 'author', 'photo'];
const MAX = 600;

/** Credits in one short line (a page's source line, a closing credit paragraph). Long text is cut to its first 600 chars. */
export function findCredits(line: string): CreditMatch[] {
  const text = line.length > MAX ? line.slice(0, MAX) : line;
  if (!CUES.test(text)) return [];
  return creditsInKey(normalize(text));
}

/** Whether a line can hold a credit at all (a cheap test on the raw text). */
export function mayHoldCredit(line: string): boolean {
  return CUES.test(line);
}

/** findCredits on a key the caller has already built with normalize(line). */
export function creditsInKey(key: Normalized): CreditMatch[] {
  const text = key.source;
  const out: CreditMatch[] = [];
  CREDIT.lastIndex = 0;
  for (let g = CREDIT.exec(key.text); g; g = CREDIT.exec(key.text)) {
    const kind = KINDS[[g[1], g[2], g[3], g[4]].findIndex((x) => x !== undefined)]!;
    let name = g[5]!;
    // A bare عن only credits a known agency (عن شينخوا), never running text (عن استعداده).
    const agency = agencyName(name) ?? agencyName(name.split(' ')[0]!);
    if (kind === 'via' && g[2] === 'عن' && !agency) continue;
    if (agency && !agencyName(name)) name = name.split(' ')[0]!;
    const kStart = g.index + g[0].length - g[5]!.length;
    const [start, end] = toSourceSpan(key, kStart, kStart + name.length);
    const surface = text.slice(start, end);
    out.push({ name: agency ?? surface, surface, kind, start, end });
  }
  return out;
}
