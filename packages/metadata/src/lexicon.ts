import { normalizeKey } from '@akhbar/text';
import { AGENCIES } from './data/agencies.js';
import { GREGORIAN_MONTHS, HIJRI_MONTHS, LATIN_MONTHS, WEEKDAYS } from './data/months.js';
import { PLACES } from './data/places.js';

// The data modules list names as written; everything here is built once from them on their match keys
// (normalizeKey folds alef, yeh, teh marbuta, hamza carriers, diacritics, tatweel and digits), so that the
// grammar in dates.ts and dateline.ts matches every spelling variant with one pattern.

/** Match key with runs of spaces collapsed: multi-word names are looked up this way. */
export function lexKey(s: string): string {
  return normalizeKey(s).replace(/ {2,}/g, ' ').trim();
}

function alternation(keys: Iterable<string>): string {
  return [...new Set(keys)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, ' +'))
    .join('|');
}

function table<T>(rows: ReadonlyArray<readonly [T, readonly string[]]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of rows) for (const n of names) map.set(lexKey(n), value);
  return map;
}

export const GREGORIAN_BY_KEY = table([...GREGORIAN_MONTHS, ...LATIN_MONTHS]);
export const HIJRI_BY_KEY = table(HIJRI_MONTHS);
export const WEEKDAY_BY_KEY = table(WEEKDAYS.map(([d, , names]) => [d, names] as const));

export const GREGORIAN_ALT = alternation(GREGORIAN_BY_KEY.keys());
export const HIJRI_ALT = alternation(HIJRI_BY_KEY.keys());
export const WEEKDAY_ALT = alternation(WEEKDAY_BY_KEY.keys());

// Agencies: spaced abbreviations (ا ف ب) also match written with dots or without spaces (ا.ف.ب, اف ب).
export const AGENCY_BY_KEY = new Map<string, string>();
for (const a of AGENCIES) {
  for (const s of a.surfaces) {
    const k = lexKey(s);
    AGENCY_BY_KEY.set(k, a.name);
    if (/^(\S )+\S$/.test(k)) {
      AGENCY_BY_KEY.set(k.replace(/ /g, '.'), a.name);
      AGENCY_BY_KEY.set(k.replace(/ /g, '. '), a.name);
      AGENCY_BY_KEY.set(k.replace(/ /g, ''), a.name);
    }
  }
}
export const AGENCY_ALT = alternation(AGENCY_BY_KEY.keys());

/** The English canonical name of an agency surface, or null. */
export function agencyName(surface: string): string | null {
  return AGENCY_BY_KEY.get(lexKey(surface)) ?? null;
}

const PLACE_BY_KEY = new Map<string, string>(PLACES.map(([ar, en]) => [lexKey(ar), en]));

/** The English name of a dateline place, or null when the table does not know it. */
export function placeEnglish(surface: string): string | null {
  // 'دمشق، سوريا': the city before the comma names the place.
  return (
    PLACE_BY_KEY.get(lexKey(surface)) ?? PLACE_BY_KEY.get(lexKey(surface.split(/[,،]/)[0] ?? '')) ?? null
  );
}

/** Looks up a captured month name (key text) in a month table. */
export function monthOf(table: Map<string, number>, captured: string): number | undefined {
  return table.get(captured.replace(/ +/g, ' ').trim());
}
