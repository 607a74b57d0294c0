import { normalize, normalizeKey, toSourceSpan } from '@akhbar/text';
import { formatYmd, isValidYmd, parseYmd } from './calendar.js';
import { type DateOptions, dateAt } from './dates.js';
import { AGENCY_ALT, AGENCY_BY_KEY, placeEnglish } from './lexicon.js';

/** A dateline: the place, date and agency that open a wire story. Spans are into the body. */
export interface Dateline {
  /** The place as written (ناننينغ), or null for an agency-only dateline ('(أ ف ب) -'). */
  place: string | null;
  /** English name of the place when the small city table knows it. */
  placeEn: string | null;
  /** 'YYYY-MM-DD', or null when the dateline has no date (or one that cannot be resolved). */
  date: string | null;
  /** The Hijri date as written, when the dateline gives one (SPA writes both). */
  hijri: string | null;
  /** English canonical agency name (Xinhua), or null. */
  agency: string | null;
  /** The agency as written (شينخوا). */
  agencySurface: string | null;
  surface: string;
  start: number;
  end: number;
  warnings: string[];
}

/**
 * How far into the body a dateline can reach. The longest real ones (SPA's Hijri + Gregorian date with the
 * agency's full name) are about 75 characters; only this head is normalized, which keeps the stage fast.
 */
const HEAD = 100;

// Words that open a lead sentence, never a place: a candidate place containing one is not a dateline.
const NOT_PLACE = new Set(
  (
    'قال قالت ذكر ذكرت اعلن اعلنت افاد افادت اكد اكدت نقلت اورد اوردت التقي اجري بحث كشف كشفت اشار اشارت صرح ' +
    'صرحت وقال وقالت وذكرت اعرب اعربت دعا دعت وكاله وكالات صحيفه موقع ان الي من عن علي في هذا هذه الذي التي ' +
    'اليوم امس هنا حيث كما بينما وفي تم نشر نشره نشرت بتاريخ تاريخ حوار كتب كتبت بقلم المصدر مصدر اعداد تقرير ' +
    'تحديث اخر'
  ).split(' '),
);

const FIRST_WORD = /^\s*[^\s\d()[\]/\-–—:،,]{1,20}(?=[\s\d()[\]/\-–—:،,]|$)/;
const DELIMITER_OR_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9()/[\]\-–—]/;
const AG = `(${AGENCY_ALT})`;
const re = (s: string) => new RegExp(s, 'yu');
const LEAD_AGENCY = re(` *[(/] *${AG} *[)/] *(?:-{1,2}|–|—|:)?`);
// A place is one to four words; a comma may join a city and its country (دمشق، سوريا (CNN) --).
const WORD = re(' *([\\p{L}]+)');
const PLACE_COMMA = re(' *[,،] *(?=[\\p{L}])');
const COMMA = re(' *(?:[,،] *)?');
const FI = re('(?:في|بتاريخ) +');
const MUWAFIQ = re(' *(?:الموافق|و) +');
const KUNA_DM = re(' *[-–] *(\\d{1,2}) *[-–] *(\\d{1,2})(?![\\p{N}/.])');
const AGENCY_DELIMITED = re(` *(?:\\( *${AG} *\\)|/ *${AG} *\\/|\\[ *${AG} *\\])`);
const AGENCY_DASHED = re(` *[-–—/] *${AG}(?![\\p{L}\\p{N}])`);
const AGENCY_BARE = re(` *${AG}(?![\\p{L}\\p{N}])`);
const TRAILER = re(' *(?:-{1,2}|–|—|:)');
const DASH = re(' *[-–—] *');

function at(r: RegExp, key: string, pos: number): RegExpExecArray | null {
  r.lastIndex = pos;
  return r.exec(key);
}

/**
 * Reads the dateline that opens `body`, in the forms wire copy uses:
 * `CITY DAY MONTH YEAR (AGENCY)`, `CITY - AGENCY`, `CITY (AGENCY) -`, `(AGENCY) -`, `CITY، DATE (AGENCY) -`,
 * `CITY في DATE /AGENCY/`, `CITY - DATE (AGENCY)`, SPA's `CITY HIJRI هـ الموافق DATE م واس` and KUNA's `CITY - D - M (كونا) --`.
 * A place alone is never a dateline: it needs a date or an agency after it. `reference` supplies the year
 * of year-less dates (KUNA, MENA, QNA write none).
 */
export function findDateline(body: string, options: DateOptions = {}): Dateline | null {
  const head = body.slice(0, HEAD);
  // Every dateline form has a digit or a delimiter (parenthesis, slash, dash, bracket) in its head.
  if (!DELIMITER_OR_DIGIT.test(head)) return null;
  // A lead that opens with a verb (قال، التقى ...) is not a dateline: decided on the first word's key
  // alone, before the whole head is normalized.
  const first = FIRST_WORD.exec(head);
  if (first && NOT_PLACE.has(normalizeKey(first[0].trim()))) return null;
  const key = normalize(head);
  const k = key.text;
  let p = 0;
  while (p < k.length && k[p] === ' ') p++;
  const lead = p;

  const agencyOnly = at(LEAD_AGENCY, k, p);
  if (agencyOnly) return finish(body, key, lead, p + agencyOnly[0].length, null, null, agencyOnly[1]!, []);

  // Try places of one to four words; the shortest that is followed by a dateline tail wins.
  let q = p;
  for (let words = 1; words <= 4; words++) {
    const comma = words > 1 ? at(PLACE_COMMA, k, q) : null;
    const w = at(WORD, k, q + (comma?.[0].length ?? 0));
    if (!w || NOT_PLACE.has(w[1]!)) return null;
    q += (comma?.[0].length ?? 0) + w[0].length;
    const tail = readTail(k, q, options);
    if (tail)
      return finish(body, key, lead, tail.end, { start: p, end: q }, tail, tail.agency, tail.warnings);
  }
  return null;
}

interface Tail {
  end: number;
  date: string | null;
  hijri: string | null;
  agency: string | null;
  warnings: string[];
}

function readTail(k: string, q: number, options: DateOptions): Tail | null {
  const t: Tail = { end: q, date: null, hijri: null, agency: null, warnings: [] };
  let r = q + (at(COMMA, k, q)?.[0].length ?? 0);
  r += at(FI, k, r)?.[0].length ?? 0;
  let dated = false;
  // CITY - DATE (AGENCY): a dash may stand before the date too.
  const dash = at(DASH, k, r);
  const d1 = dateAt(k, r, options) ?? (dash ? dateAt(k, r + dash[0].length, options) : null);
  if (d1) {
    dated = true;
    r = d1.kEnd;
    t.warnings.push(...d1.warnings);
    t.date = d1.date;
    if (d1.yearInferred) t.warnings.push(yearInferred(d1.date, options.reference));
    if (d1.form === 'hijri') t.hijri = d1.hijri ?? null;
    // SPA gives the Hijri date, then الموافق and the Gregorian one: keep the Gregorian, check they agree.
    const m = at(MUWAFIQ, k, r);
    const d2 = m ? dateAt(k, r + m[0].length, options) : null;
    if (d2) {
      r = d2.kEnd;
      if (d2.form === 'hijri') t.hijri = d2.hijri ?? null;
      if (d1.date && d2.date && d1.date !== d2.date) {
        t.warnings.push(
          `date-disagreement: the dateline's two dates are ${d1.date} and ${d2.date}; the Gregorian one is used`,
        );
      }
      if (d2.form !== 'hijri' && d2.date) t.date = d2.date;
      if (d2.yearInferred) t.warnings.push(yearInferred(d2.date, options.reference));
      t.warnings.push(...d2.warnings);
    }
  } else {
    const dm = at(KUNA_DM, k, r);
    if (dm) {
      dated = true;
      r += dm[0].length;
      t.date = kunaDate(+dm[1]!, +dm[2]!, options.reference ?? null, t.warnings);
    }
  }
  const ag = at(AGENCY_DELIMITED, k, r) ?? at(AGENCY_DASHED, k, r) ?? (dated ? at(AGENCY_BARE, k, r) : null);
  if (ag) {
    t.agency = ag[1] ?? ag[2] ?? ag[3] ?? null;
    r += ag[0].length;
  }
  if (!dated && !ag) return null;
  const tr = at(TRAILER, k, r);
  if (tr && (ag || dated)) r += tr[0].length;
  t.end = r;
  return t;
}

function yearInferred(date: string | null, reference: string | null | undefined): string {
  return `year-inferred: the dateline has no year; ${date?.slice(0, 4)} is taken from the reference date ${reference}`;
}

// KUNA writes day and month with no year: the year is the reference's, or the one before when that would be later.
function kunaDate(d: number, m: number, reference: string | null, warnings: string[]): string | null {
  const ref = reference ? parseYmd(reference) : null;
  if (!ref) {
    warnings.push(
      `year-missing: the dateline gives day ${d} and month ${m} but no year, and no reference date was given`,
    );
    return null;
  }
  for (const y of [ref.y, ref.y - 1]) {
    if (isValidYmd(y, m, d) && Date.UTC(y, m - 1, d) <= Date.UTC(ref.y, ref.m - 1, ref.d) + 86_400_000) {
      const date = formatYmd({ y, m, d });
      warnings.push(yearInferred(date, reference));
      return date;
    }
  }
  warnings.push(`invalid-date: the dateline's day ${d} and month ${m} are not a date`);
  return null;
}

function finish(
  body: string,
  key: ReturnType<typeof normalize>,
  kStart: number,
  kEnd: number,
  place: { start: number; end: number } | null,
  tail: Tail | null,
  agencyKey: string | null,
  warnings: string[],
): Dateline {
  while (kEnd > kStart && key.text[kEnd - 1] === ' ') kEnd--;
  const [start, end] = toSourceSpan(key, kStart, kEnd);
  let placeSurface: string | null = null;
  if (place) {
    const [ps, pe] = toSourceSpan(key, place.start + (key.text[place.start] === ' ' ? 1 : 0), place.end);
    placeSurface = body.slice(ps, pe).trim();
  }
  let agencySurface: string | null = null;
  if (agencyKey) {
    const i = key.text.indexOf(agencyKey, kStart);
    if (i >= 0 && i < kEnd) {
      const [as, ae] = toSourceSpan(key, i, i + agencyKey.length);
      agencySurface = body.slice(as, ae);
    }
  }
  return {
    place: placeSurface,
    placeEn: placeSurface ? placeEnglish(placeSurface) : null,
    date: tail?.date ?? null,
    hijri: tail?.hijri ?? null,
    agency: agencyKey ? (AGENCY_BY_KEY.get(agencyKey.replace(/ +/g, ' ')) ?? null) : null,
    agencySurface,
    surface: body.slice(start, end),
    start,
    end,
    warnings: [...new Set(warnings)],
  };
}
