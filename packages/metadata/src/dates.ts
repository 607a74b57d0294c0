import { type Normalized, normalize, toSourceSpan } from '@akhbar/text';
import {
  addDays,
  formatYmd,
  fromHijri,
  HIJRI_RANGE,
  isValidYmd,
  parseYmd,
  weekdayOf,
  type Ymd,
} from './calendar.js';
import { WEEKDAY_EN } from './data/months.js';
import {
  GREGORIAN_ALT,
  GREGORIAN_BY_KEY,
  HIJRI_ALT,
  HIJRI_BY_KEY,
  monthOf,
  WEEKDAY_ALT,
  WEEKDAY_BY_KEY,
} from './lexicon.js';

/** How a date was written. */
export type DateForm = 'named' | 'hijri' | 'numeric' | 'iso' | 'relative';

/** A date found in text. `start`/`end` are a half-open UTF-16 span of the input: `text.slice(start, end) === surface`. */
export interface DateMatch {
  /** 'YYYY-MM-DD' (Gregorian), or null when the date as written does not exist (31 فبراير, 30 in a 29-day Hijri month). */
  date: string | null;
  /** 'HH:MM' or 'HH:MM:SS' when a time is written with the date. */
  time: string | null;
  /** '+08:00', 'Z'... when the text gives the offset (ISO strings), else null. */
  offset: string | null;
  form: DateForm;
  surface: string;
  start: number;
  end: number;
  /** The Hijri date as written ('1445-09-12'), for Hijri forms. */
  hijri?: string;
  /** English weekday written with the date (الخميس 10 يوليو 2025). */
  weekday?: string;
  /** The year was not written and came from the reference date. */
  yearInferred?: boolean;
  /** Numeric day and month that could be either way round (05/04/2024): read with `numericOrder`. */
  ambiguous?: boolean;
  /** Codes with a message: 'ambiguous-day-month: …', 'invalid-date: …', 'weekday-mismatch: …', 'year-missing: …'. */
  warnings: string[];
}

export interface DateOptions {
  /** ISO date or date-time that year-less and relative dates are resolved against (a crawl time, a page date). */
  reference?: string | null;
  /** How to read numeric dates whose day and month are both ≤ 12. Default 'dmy', the Arabic press convention. */
  numericOrder?: 'dmy' | 'mdy';
  /** Also read relative forms (منذ 3 ساعات، أمس، اليوم). Off by default: in running text they name events, not the publication. */
  relative?: boolean;
}

// All patterns run on the match key from @akhbar/text: digits are ASCII, alef/yeh/teh marbuta folded,
// tatweel and diacritics gone, Latin lower-cased. Against catastrophic backtracking, a run of spaces is
// only ever consumed by one quantifier: optional items carry their own trailing spaces (' *(?:، *)?')
// instead of sitting between two (' *،? *'), which would split a long run of spaces every possible way.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const WDP = `(?:(?:يوم +)?(${WEEKDAY_ALT}) *(?:[,،] *)?(?:الموافق +)?)?`;
const MONTH = `(${GREGORIAN_ALT})(?: *[/(-] *(${GREGORIAN_ALT})(?: *\\))?)?`;
const YEAR_TAIL = `(?: *(?:[-/.,،] *)?(?:من +)?(?:(?:عام|سنه|العام) *)?(\\d{4})(?: *م${E})?)?`;
// A time after a date: '- 14:20', 'الساعة 09:45', '09:56 ص' (ص/صباحا a.m., م/مساء p.m.).
const MERIDIEM = `(?: *(صباحا|مساءا|مساء|ص|م|am|pm)(?![\\p{L}]))?`;
const TIME = `(?: *(?:[-,،|] *)?(?:الساعه *)?(\\d{1,2}):(\\d{2})${MERIDIEM})?`;

const NAMED_DMY = `${B}${WDP}(?:ال)?(\\d{1,2}) *(?:من +(?:شهر +)?|شهر +)?(?:[-/.] *)?${MONTH}${YEAR_TAIL}${TIME}${E}`;
const NAMED_MDY = `${B}${WDP}${MONTH}\\.? +(\\d{1,2})(?:st|nd|rd|th)? *[,،] *(\\d{4})${E}`;
const HIJRI = `${B}${WDP}(\\d{1,2}) *(?:من +)?(${HIJRI_ALT}) *(?:[,،] *)?(?:(?:عام|سنه) *)?(\\d{4})(?: *(?:هجريه|هجري|للهجره|ه))?${E}`;
const YMD = `${B}(\\d{4})([-/.:])(\\d{1,2})\\2(\\d{1,2})(?:(?:t| +|\\.| *- *)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)? *(z|[+-]\\d{2}:?\\d{2})?)?(?![\\p{N}])`;
const DMY_NUM = `(?<![\\p{L}\\p{N}/.:-])${WDP}(\\d{1,2}) *([-/.]) *(\\d{1,2}) *\\3 *(\\d{4})(?:(?: +| *- *)(\\d{1,2}):(\\d{2})${MERIDIEM})?(?![\\p{N}])`;
const UNITS =
  'دقيقتين|دقيقتان|دقايق|دقيقه|ساعتين|ساعتان|ساعات|ساعه|يومين|يومان|ايام|يوم|اسبوعين|اسبوعان|اسابيع|اسبوع|شهرين|شهران|اشهر|شهور|شهر';
const NUMBER_WORDS =
  'واحد|واحده|اثنين|اثنتين|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثمان|ثماني|ثمانيه|تسع|تسعه|عشر|عشره';
const RELATIVE = `${B}(?:(?:منذ|قبل) +(?:(\\d{1,3}|${NUMBER_WORDS}) *)?(${UNITS})|(اول +امس|امس +الاول)|(امس|البارحه)|(اليوم))${E}`;

type Kind = 'named-dmy' | 'named-mdy' | 'hijri' | 'ymd' | 'dmy-num' | 'relative';
const SOURCES: ReadonlyArray<readonly [Kind, string]> = [
  ['named-dmy', NAMED_DMY],
  ['named-mdy', NAMED_MDY],
  ['hijri', HIJRI],
  ['ymd', YMD],
  ['dmy-num', DMY_NUM],
  ['relative', RELATIVE],
];
const GLOBAL = SOURCES.map(([k, s]) => [k, new RegExp(s, 'gu')] as const);
const STICKY = SOURCES.map(([k, s]) => [k, new RegExp(s, 'yu')] as const);

const NUMBER_WORD_VALUE: Record<string, number> = {};
NUMBER_WORDS.split('|').forEach((w) => {
  const order = ['واحد', 'اثن', 'ثلاث', 'اربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع', 'عشر'];
  NUMBER_WORD_VALUE[w] = order.findIndex((p) => w.startsWith(p)) + 1;
});

/** A match on the key, before its span is mapped back to the source. */
interface KeyMatch extends Omit<DateMatch, 'surface' | 'start' | 'end'> {
  kStart: number;
  kEnd: number;
}

function weekdayCheck(m: KeyMatch, named: string | undefined): void {
  if (!named) return;
  const day = WEEKDAY_BY_KEY.get(named.trim());
  if (day === undefined) return;
  m.weekday = WEEKDAY_EN[day];
  const v = m.date ? parseYmd(m.date) : null;
  if (v && weekdayOf(v) !== day) {
    m.warnings.push(
      `weekday-mismatch: the text names ${WEEKDAY_EN[day]} with ${m.date}, which is a ${WEEKDAY_EN[weekdayOf(v)]}`,
    );
  }
}

/** Resolves a year-less day and month against the reference: the latest such date not after it (one day of slack). */
function resolveYear(m: number, d: number, ref: Ymd | null): { y: number | null } {
  if (!ref) return { y: null };
  for (const y of [ref.y + 1, ref.y, ref.y - 1]) {
    if (!isValidYmd(y, m, d)) continue;
    const cand = { y, m, d };
    const after = Date.UTC(cand.y, m - 1, d) - Date.UTC(ref.y, ref.m - 1, ref.d);
    if (after <= 86_400_000) return { y };
  }
  return { y: null };
}

function makeYmd(out: KeyMatch, y: number | null, m: number, d: number, what: string, ref: Ymd | null): void {
  if (y === null) {
    const r = resolveYear(m, d, ref);
    if (r.y === null) {
      out.warnings.push(`year-missing: ${what} has no year and no reference date was given to supply one`);
      return;
    }
    y = r.y;
    out.yearInferred = true;
  }
  if (!isValidYmd(y, m, d)) {
    out.warnings.push(`invalid-date: ${what} is not a date in the calendar (${y}-${m}-${d})`);
    return;
  }
  out.date = formatYmd({ y, m, d });
}

const two = (s: string) => s.padStart(2, '0');

/** 'HH:MM' from a written hour, minute and optional meridiem, or null when it is not a time of day. */
function clock(hh: string | undefined, mm: string | undefined, meridiem: string | undefined): string | null {
  if (hh === undefined || mm === undefined) return null;
  let h = +hh;
  if (h > 23 || +mm > 59) return null;
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const pm = meridiem === 'م' || meridiem.startsWith('مساء') || meridiem === 'pm';
    h = pm ? (h % 12) + 12 : h % 12;
  }
  return `${two(String(h))}:${mm}`;
}

interface Reference {
  ymd: Ymd;
  epoch: number | null;
  offsetMin: number | null;
}

function parseReference(ref: string | null | undefined): Reference | null {
  if (!ref) return null;
  const ymd = parseYmd(ref);
  if (!ymd) return null;
  const t = /^\d{4}-\d{2}-\d{2}[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?$/i.exec(
    ref.trim(),
  );
  if (!t) return { ymd, epoch: null, offsetMin: null };
  const offsetMin = t[4] ? parseOffset(t[4]) : null;
  const local = Date.UTC(ymd.y, ymd.m - 1, ymd.d, +t[1]!, +t[2]!, +(t[3] ?? 0));
  return { ymd, epoch: local - (offsetMin ?? 0) * 60_000, offsetMin };
}

function parseOffset(s: string): number {
  if (s.toLowerCase() === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s)!;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
}

function formatOffset(min: number): string {
  if (min === 0) return 'Z';
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${two(String(Math.floor(a / 60)))}:${two(String(a % 60))}`;
}

function resolveRelative(out: KeyMatch, g: RegExpExecArray, ref: Reference | null): void {
  if (!ref) {
    out.warnings.push('year-missing: a relative date needs a reference time (fetchedAt) to resolve');
    return;
  }
  let days = 0;
  let minutes = 0;
  if (g[3]) days = -2;
  else if (g[4]) days = -1;
  else if (g[5]) days = 0;
  else {
    const unit = g[2]!;
    const dual = /(ين|ان)$/.test(unit) && !/^(ايام|يوم)$/.test(unit);
    const n = g[1] ? (/^\d/.test(g[1]) ? +g[1] : (NUMBER_WORD_VALUE[g[1]] ?? 1)) : dual ? 2 : 1;
    if (unit.startsWith('دقي') || unit.startsWith('دقا')) minutes = n;
    else if (unit.startsWith('ساع')) minutes = n * 60;
    else if (unit.startsWith('ي') || unit.startsWith('اي')) days = -n;
    else if (unit.startsWith('اسب') || unit.startsWith('اساب')) days = -7 * n;
    else days = -30 * n; // months: approximate, and said so below
    if (!unit.startsWith('دقي') && !unit.startsWith('دقا') && !unit.startsWith('ساع') && n > 0 && days < -6) {
      out.warnings.push(
        `approximate-date: '${g[0]}' is resolved to about ${-days} days before the reference`,
      );
    }
  }
  if (minutes > 0 && ref.epoch !== null) {
    // Hours and minutes ago: a time, in the reference's own offset when it has one.
    const off = ref.offsetMin ?? 0;
    const local = new Date(ref.epoch - minutes * 60_000 + off * 60_000);
    out.date = formatYmd({ y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() });
    out.time = `${two(String(local.getUTCHours()))}:${two(String(local.getUTCMinutes()))}`;
    out.offset = ref.offsetMin === null ? null : formatOffset(off);
    return;
  }
  out.date = formatYmd(addDays(ref.ymd, minutes > 0 ? 0 : days));
}

function build(kind: Kind, g: RegExpExecArray, o: DateOptions, ref: Reference | null): KeyMatch | null {
  const out: KeyMatch = {
    date: null,
    time: null,
    offset: null,
    form: 'named',
    kStart: g.index,
    kEnd: g.index + g[0].length,
    warnings: [],
  };
  const refYmd = ref?.ymd ?? null;
  switch (kind) {
    case 'named-dmy': {
      const [, wd, day, m1, m2, year, hh, mm, mer] = g;
      const month = monthOf(GREGORIAN_BY_KEY, m1!)!;
      if (m2 !== undefined && monthOf(GREGORIAN_BY_KEY, m2) !== month) {
        out.warnings.push(
          `month-pair-mismatch: '${m1} / ${m2}' names two different months; the first is used`,
        );
      }
      makeYmd(out, year ? +year : null, month, +day!, `'${g[0].trim()}'`, refYmd);
      out.time = clock(hh, mm, mer);
      weekdayCheck(out, wd);
      return out;
    }
    case 'named-mdy': {
      const [, wd, m1, , day, year] = g;
      makeYmd(out, +year!, monthOf(GREGORIAN_BY_KEY, m1!)!, +day!, `'${g[0].trim()}'`, refYmd);
      weekdayCheck(out, wd);
      return out;
    }
    case 'hijri': {
      const [, wd, day, month, year] = g;
      const h = { y: +year!, m: monthOf(HIJRI_BY_KEY, month!)!, d: +day! };
      if (h.y < 1300 || h.y > 1600) return null; // not a Hijri year: صفر is also "zero", رجب a name
      out.form = 'hijri';
      out.hijri = `${h.y}-${two(String(h.m))}-${two(String(h.d))}`;
      const greg = fromHijri(h);
      if (greg) out.date = formatYmd(greg);
      else if (h.y < HIJRI_RANGE[0] || h.y > HIJRI_RANGE[1]) {
        out.warnings.push(
          `hijri-out-of-range: '${g[0].trim()}' is outside the Umm al-Qura table (${HIJRI_RANGE.join('-')} AH)`,
        );
      } else out.warnings.push(`invalid-date: '${g[0].trim()}' is not a day of the Umm al-Qura calendar`);
      weekdayCheck(out, wd);
      return out;
    }
    case 'ymd': {
      const [, y, sep, m, d, hh, mm, ss, off] = g;
      out.form = sep === '-' && (hh === undefined || /t/.test(g[0])) ? 'iso' : 'numeric';
      makeYmd(out, +y!, +m!, +d!, `'${g[0]}'`, refYmd);
      if (hh !== undefined && +hh < 24 && +mm! < 60) {
        out.time = ss ? `${two(hh)}:${mm}:${ss}` : `${two(hh)}:${mm}`;
        if (off) out.offset = formatOffset(parseOffset(off));
      }
      return out;
    }
    case 'dmy-num': {
      const [, wd, a, , b, y, hh, mm, mer] = g;
      let day = +a!;
      let month = +b!;
      out.form = 'numeric';
      if (month > 12 && day <= 12) [day, month] = [month, day];
      else if (day <= 12 && month <= 12 && day !== month) {
        // A weekday written with the date can settle the order: الأحد 12/04/2020 is 12 April (a Sunday), not 4 December.
        const named = wd ? WEEKDAY_BY_KEY.get(wd.trim()) : undefined;
        const fits = (d: number, m: number) => named !== undefined && weekdayOf({ y: +y!, m, d }) === named;
        if (fits(day, month) !== fits(month, day)) {
          if (fits(month, day)) [day, month] = [month, day];
        } else {
          out.ambiguous = true;
          if (o.numericOrder === 'mdy') [day, month] = [month, day];
          out.warnings.push(
            `ambiguous-day-month: '${g[0].trim()}' reads as day-month and month-day; read as ${o.numericOrder ?? 'dmy'}`,
          );
        }
      }
      makeYmd(out, +y!, month, day, `'${g[0].trim()}'`, refYmd);
      out.time = clock(hh, mm, mer);
      weekdayCheck(out, wd);
      return out;
    }
    case 'relative': {
      if (!o.relative) return null;
      out.form = 'relative';
      resolveRelative(out, g, ref);
      return out;
    }
  }
}

// What each form needs somewhere in the key, tested before the form's (much slower) pattern runs.
const ARABIC = /[\u0621-\u064a]/;
const LETTER = /[\u0621-\u064aa-z]/;
const NEEDS: Record<Kind, RegExp> = {
  'named-dmy': LETTER,
  'named-mdy': LETTER,
  hijri: ARABIC,
  ymd: /\d{4}[-/.:]\d/,
  'dmy-num': /\d *[-/.] *\d/,
  relative: ARABIC,
};

function scan(key: string, o: DateOptions, ref: Reference | null): KeyMatch[] {
  const found: KeyMatch[] = [];
  for (const [kind, re] of GLOBAL) {
    if (kind === 'relative' && !o.relative) continue;
    if (!NEEDS[kind].test(key)) continue;
    re.lastIndex = 0;
    for (let g = re.exec(key); g; g = re.exec(key)) {
      if (g[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const m = build(kind, g, o, ref);
      if (m) found.push(m);
    }
  }
  // Earliest first; of overlapping matches the longest wins (a Hijri date beats the bare number in it).
  found.sort((a, b) => a.kStart - b.kStart || b.kEnd - b.kStart - (a.kEnd - a.kStart));
  const kept: KeyMatch[] = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.kStart < last.kEnd) {
      if (m.kEnd - m.kStart > last.kEnd - last.kStart) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}

function toSource(text: string, key: Normalized, m: KeyMatch): DateMatch {
  // The key match may include trailing spaces of an optional group: trim them off the span.
  let kEnd = m.kEnd;
  while (kEnd > m.kStart && key.text.charCodeAt(kEnd - 1) === 0x20) kEnd--;
  const [start, end] = toSourceSpan(key, m.kStart, kEnd);
  const { kStart: _s, kEnd: _e, ...rest } = m;
  return { ...rest, surface: text.slice(start, end), start, end };
}

const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

/** Longest text a single call reads: dates live in short lines and the head of an article. */
export const MAX_DATE_TEXT = 100_000;

/**
 * Every date written in `text`: named months in all their regional spellings (paired forms too), Hijri
 * dates (converted with the Umm al-Qura calendar), numeric and ISO forms, Arabic-Indic and Persian digits,
 * and (with `relative`) relative forms resolved against `reference`. Spans are into `text`.
 */
export function findDates(text: string, options: DateOptions = {}): DateMatch[] {
  if (typeof text !== 'string') throw new TypeError('findDates expects a string; decode bytes to text first');
  if (text.length > MAX_DATE_TEXT) text = text.slice(0, MAX_DATE_TEXT);
  // Every form but the relative ones has a digit: text without one is skipped before normalizing it.
  if (!options.relative && !HAS_DIGIT.test(text)) return [];
  return datesInKey(normalize(text), options);
}

/** findDates on a key the caller has already built with normalize(text) (a line read for credits too). */
export function datesInKey(key: Normalized, options: DateOptions = {}): DateMatch[] {
  return scan(key.text, options, parseReference(options.reference)).map((m) => toSource(key.source, key, m));
}

/** The first date in `text`, or null. */
export function parseDate(text: string, options: DateOptions = {}): DateMatch | null {
  return findDates(text, options)[0] ?? null;
}

/** A date starting exactly at key position `pos` (for grammars that walk a line, like datelines). */
export function dateAt(
  key: string,
  pos: number,
  options: DateOptions = {},
): (Omit<DateMatch, 'surface' | 'start' | 'end'> & { kStart: number; kEnd: number }) | null {
  const ref = parseReference(options.reference);
  let best: KeyMatch | null = null;
  for (const [kind, re] of STICKY) {
    if (kind === 'relative') continue;
    re.lastIndex = pos;
    const g = re.exec(key);
    if (!g || g[0].length === 0) continue;
    const m = build(kind, g, options, ref);
    if (m && (!best || m.kEnd > best.kEnd)) best = m;
  }
  if (best) while (best.kEnd > best.kStart && key.charCodeAt(best.kEnd - 1) === 0x20) best.kEnd--;
  return best;
}

/** ISO value of a match: date-time with offset when the text gives both, else the date. */
export function isoOf(m: Pick<DateMatch, 'date' | 'time' | 'offset'>): string | null {
  if (!m.date) return null;
  return m.time && m.offset
    ? `${m.date}T${m.time.length === 5 ? `${m.time}:00` : m.time}${m.offset}`
    : m.date;
}
