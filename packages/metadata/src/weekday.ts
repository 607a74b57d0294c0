import { normalize, toSourceSpan } from '@akhbar/text';
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

/** How far into the body to look: "today" is named in the lead, and scanning is by indexOf, so this is cheap. */
const REACH = 4000;
const CUES = ['اليوم', 'أمس', 'امس', 'إمس', 'غدا', 'غداً', 'غدًا'];
const MENTION = new RegExp(
  `(?:(اليوم)|(امس +الاول|اول +امس)|(امس|البارحه)|(غدا))(?: *[(\\[] *| +)(?:يوم +)?(${WEEKDAY_ALT}) *[)\\]]?(?![\\p{L}])`,
  'yu',
);

function isLetterBefore(body: string, i: number): boolean {
  if (i === 0) return false;
  const c = body.charCodeAt(i - 1);
  // A conjunction (و، ف) may precede: واليوم (الخميس)
  if ((c === 0x0648 || c === 0x0641) && (i === 1 || !/\p{L}/u.test(body[i - 2]!))) return false;
  return /\p{L}/u.test(body[i - 1]!);
}

/**
 * The weekdays named for today in `body`, in order. Only explicit "today/yesterday/tomorrow (weekday)"
 * counts: a bare يوم الخميس names some Thursday, not today.
 */
export function findWeekdays(body: string): WeekdayMention[] {
  const hits = new Set<number>();
  const limit = Math.min(body.length, REACH);
  for (const cue of CUES) {
    for (let i = body.indexOf(cue); i >= 0 && i < limit; i = body.indexOf(cue, i + 1)) {
      if (!isLetterBefore(body, i)) hits.add(i);
    }
  }
  const out: WeekdayMention[] = [];
  let covered = -1;
  for (const i of [...hits].sort((a, b) => a - b)) {
    if (i < covered) continue;
    const win = body.slice(i, i + 48);
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
