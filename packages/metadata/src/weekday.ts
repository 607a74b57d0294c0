import { normalize, normalizeKey, toSourceSpan } from '@akhbar/text';
import { WEEKDAY_EN } from './data/months.js';
import { WEEKDAY_ALT, WEEKDAY_BY_KEY } from './lexicon.js';

/** A weekday the text names relative to "today": اليوم (الأربعاء), أمس (الثلاثاء), غدا (الخميس). */
export interface WeekdayMention {
  /** The English weekday of "today" this mention implies. */
  today: string;
  /** The weekday as named (for أمس (الثلاثاء) that is Tuesday, and today is Wednesday). */
  named: string;
  /** Days from today of the day named: 0 today, -1 yesterday, -2 the day before, 1 tomorrow. */
  relation: number;
  surface: string;
  start: number;
  end: number;
}

/** How far into the body to look: "today" is named in the lead. */
const REACH = 2000;
// Cheap pass over the raw text for the cue words; only the short window after a hit is normalized and parsed.
// (A plain alternation with no lookbehind lets the regex engine scan for the first letters quickly.)
const CUE = /اليوم|[أاإ]مس|غد[اًٌ]|البارحة/g;
const NEXT = /^[\s\u00a0]*(?:[([]|ال|يوم|الإ|الأ)/;
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const MENTION = new RegExp(
  `(?:(اليوم)|(امس +الاول|اول +امس)|(امس|البارحه)|(غدا))(?: *[(\\[] *| +)(?:يوم +)?(${WEEKDAY_ALT}) *[)\\]]?(?![\\p{L}])`,
  'yu',
);

/**
 * The weekdays named for today in `body`, in order. Only explicit "today/yesterday/tomorrow (weekday)"
 * counts: a bare يوم الخميس names some Thursday, not today.
 */
export function findWeekdays(body: string): WeekdayMention[] {
  const head = body.length > REACH ? body.slice(0, REACH) : body;
  const hits: number[] = [];
  CUE.lastIndex = 0;
  for (let g = CUE.exec(head); g; g = CUE.exec(head)) {
    const i = g.index;
    // Whole words only; a conjunction (و، ف) may precede and stays outside the span: واليوم (الخميس)
    const before = head[i - 1];
    const clitic = (before === 'و' || before === 'ف') && !isLetter(head[i - 2]);
    // Only a cue followed by a bracket, ال or يوم can name a weekday: others are skipped without normalizing.
    if ((!isLetter(before) || clitic) && NEXT.test(head.slice(i + g[0].length, i + g[0].length + 8)))
      hits.push(i);
  }
  const out: WeekdayMention[] = [];
  let covered = -1;
  for (const i of hits) {
    if (i < covered) continue;
    const win = body.slice(i, i + 40);
    // Most cues name no weekday: the key alone (no offset map to allocate) rules them out.
    MENTION.lastIndex = 0;
    if (!MENTION.test(normalizeKey(win))) continue;
    const key = normalize(win);
    MENTION.lastIndex = 0;
    const g = MENTION.exec(key.text);
    if (!g) continue;
    const day = WEEKDAY_BY_KEY.get(g[5]!);
    if (day === undefined) continue;
    const relation = g[1] ? 0 : g[2] ? -2 : g[3] ? -1 : 1;
    const [s, e] = toSourceSpan(key, 0, g[0].length);
    out.push({
      today: WEEKDAY_EN[(((day - relation) % 7) + 7) % 7]!,
      named: WEEKDAY_EN[day]!,
      relation,
      surface: win.slice(s, e),
      start: i + s,
      end: i + e,
    });
    covered = i + e;
  }
  return out;
}
