import { WEEKDAY_EN } from './data/months.js';

/** A calendar date, proleptic Gregorian. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function formatYmd(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}

/** Parses the leading 'YYYY-MM-DD' of an ISO string. */
export function parseYmd(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const v = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  return isValidYmd(v.y, v.m, v.d) ? v : null;
}

function toDays(v: Ymd): number {
  return Math.floor(Date.UTC(v.y, v.m - 1, v.d) / DAY_MS);
}

function fromDays(n: number): Ymd {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(v: Ymd, n: number): Ymd {
  return fromDays(toDays(v) + n);
}

/** b - a in days. */
export function dayDiff(a: Ymd, b: Ymd): number {
  return toDays(b) - toDays(a);
}

/** 0 = Sunday. */
export function weekdayOf(v: Ymd): number {
  return new Date(Date.UTC(v.y, v.m - 1, v.d)).getUTCDay();
}

export function weekdayName(v: Ymd): string {
  return WEEKDAY_EN[weekdayOf(v)]!;
}

// Hijri dates go through ICU's islamic-umalqura calendar, which Node 20 ships in Intl (full ICU):
// it is the Umm al-Qura table Saudi Arabia publishes, the calendar Gulf outlets date by. Intl only
// formats Gregorian -> Hijri, so Hijri -> Gregorian inverts it: estimate from the mean month length,
// then correct by the difference the formatter reports (converges in two or three steps).
let umalqura: Intl.DateTimeFormat | undefined;

/** The Umm al-Qura Hijri date of a Gregorian date. */
export function toHijri(v: Ymd): Ymd {
  umalqura ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const out = { y: 0, m: 0, d: 0 };
  for (const p of umalqura.formatToParts(new Date(Date.UTC(v.y, v.m - 1, v.d)))) {
    if (p.type === 'year' || (p.type as string) === 'relatedYear') out.y = Number.parseInt(p.value, 10);
    else if (p.type === 'month') out.m = Number.parseInt(p.value, 10);
    else if (p.type === 'day') out.d = Number.parseInt(p.value, 10);
  }
  return out;
}

const HIJRI_EPOCH = toDays({ y: 622, m: 7, d: 19 });
const hijriIndex = (h: Ymd) => (h.y - 1) * 354.36667 + (h.m - 1) * 29.530589 + (h.d - 1);

/** The Gregorian date of an Umm al-Qura Hijri date, or null when that day does not exist (30 in a 29-day month). */
export function fromHijri(h: Ymd): Ymd | null {
  if (!(h.y >= 1 && h.y <= 2000 && h.m >= 1 && h.m <= 12 && h.d >= 1 && h.d <= 30)) return null;
  let days = Math.round(HIJRI_EPOCH + hijriIndex(h));
  for (let i = 0; i < 8; i++) {
    const got = toHijri(fromDays(days));
    if (got.y === h.y && got.m === h.m && got.d === h.d) return fromDays(days);
    const step = Math.round(hijriIndex(h) - hijriIndex(got));
    if (step === 0) break;
    days += step;
  }
  // Within a day or two now: walk to it, or find that the day does not exist.
  for (let delta = -3; delta <= 3; delta++) {
    const got = toHijri(fromDays(days + delta));
    if (got.y === h.y && got.m === h.m && got.d === h.d) return fromDays(days + delta);
  }
  return null;
}
