import { gregorianToHijri, hijriToGregorian } from '@tabby_ai/hijri-converter';
import { WEEKDAY_EN } from './data/months.js';

/** A calendar date, proleptic Gregorian. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  if (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) return 29;
  return MONTH_DAYS[m - 1] ?? 0;
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

// Hijri dates use the Umm al-Qura calendar, the table Saudi Arabia publishes and Gulf outlets date by,
// through @tabby_ai/hijri-converter (a port of the Python hijri-converter, which checks its table against the
// official one). We tried Node's Intl islamic-umalqura first: it agrees for 1420-1450 AH but differs by a day
// for much of the years before 1999 and after 2029, where the published table is the authority.
// The table covers 1343-1500 AH (1924-2077); outside it a date is left unconverted, with a warning.

/** First and last Hijri years the table covers. */
export const HIJRI_RANGE = [1343, 1500] as const;

/** The Umm al-Qura Hijri date of a Gregorian date, or null outside the table. */
export function toHijri(v: Ymd): Ymd | null {
  try {
    const h = gregorianToHijri({ year: v.y, month: v.m, day: v.d });
    return { y: h.year, m: h.month, d: h.day };
  } catch {
    return null;
  }
}

/**
 * The Gregorian date of an Umm al-Qura Hijri date; null when that day does not exist (30 in a 29-day
 * month) or lies outside the table.
 */
export function fromHijri(h: Ymd): Ymd | null {
  try {
    const g = hijriToGregorian({ year: h.y, month: h.m, day: h.d });
    return { y: g.year, m: g.month, d: g.day };
  } catch {
    return null;
  }
}
