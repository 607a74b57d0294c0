import { addDays, dayDiff, formatYmd, parseYmd, weekdayName, weekdayOf } from './calendar.js';
import { WEEKDAY_EN } from './data/months.js';
import type { Candidate } from './page.js';
import type { Provenance, PublishedSource } from './types.js';

/** Sources of `published`, most trusted first. See the README for why. */
export const PUBLISHED_TRUST: readonly PublishedSource[] = [
  'dateline',
  'json-ld',
  'html-meta',
  'page-timestamp',
  'byline',
  'sidecar',
  'url',
  'inferred',
];
// The publisher's own structured claims: a weekday that disagrees with them is reported, not corrected.
const FIRM: ReadonlySet<PublishedSource> = new Set(['dateline', 'json-ld', 'html-meta']);

export interface PublishedChoice {
  published: string | null;
  source: PublishedSource | null;
  provenance: Provenance | null;
  warnings: string[];
  /** The candidates, most trusted first. */
  ranked: Candidate[];
}

/** The weekday the text names for today, with the words that name it. */
export interface NamedToday {
  weekday: string;
  surface: string;
}

/**
 * Chooses `published` from the candidates by trust, then checks it against the weekday the text names for
 * today: that weekday settles an ambiguous numeric date, is reported when it contradicts a firm source, and
 * replaces a weak one (page line, byline, sidecar, URL) or the fetch time by the latest such weekday on or
 * before it (`inferred`).
 */
export function choosePublished(
  bySource: ReadonlyMap<PublishedSource, Candidate>,
  today: NamedToday | null,
  fetchedAt: string | null,
): PublishedChoice {
  const ranked = PUBLISHED_TRUST.map((s) => bySource.get(s)).filter((c): c is Candidate => c !== undefined);
  const warnings: string[] = [];
  let best = ranked[0] ?? null;
  let published = best?.value ?? null;
  let source: PublishedSource | null = best?.source ?? null;
  let provenance: Provenance | null = null;

  if (best) {
    provenance = { source: best.source, text: best.text, ...(best.from ? { note: best.from } : {}) };
    if (best.match) warnings.push(...best.match.warnings);
    if (best.source === 'dateline') {
      const dated = best;
      // A structured timestamp of the dateline's day adds its time and offset.
      const precise = ranked.find((c) => c !== dated && c.date === dated.date && c.value.length > 10);
      if (precise) {
        published = precise.value;
        source = precise.source;
        provenance = {
          source: precise.source,
          text: precise.text,
          note: `same day as the dateline (${dated.text}); the ${precise.source} timestamp adds the time and offset`,
        };
      }
      const other = ranked.filter((c) => c.source !== 'dateline' && c.date !== dated.date);
      if (other.length > 0 && !precise) {
        provenance.note = `the dateline is the agency's own date for the story; ${other
          .map((c) => `the ${c.source} ${c.date}`)
          .join(', ')} is when this page posted or updated it`;
      }
      for (const c of other) {
        const diff = dayDiff(parseYmd(dated.date)!, parseYmd(c.date)!);
        if (diff < 0 || diff > 3) {
          warnings.push(
            `date-disagreement: the ${c.source} date ${c.date} is ${Math.abs(diff)} days ${diff < 0 ? 'before' : 'after'} the dateline date ${dated.date}`,
          );
        }
      }
    }
  }
  if (!today) return { published, source, provenance, warnings, ranked };

  const { weekday } = today;
  const want = WEEKDAY_EN.indexOf(weekday as (typeof WEEKDAY_EN)[number]);
  // An ambiguous numeric date (05/04/2024) is settled when only one reading falls on the named weekday.
  if (best?.match?.ambiguous) {
    const a = parseYmd(best.date)!;
    const swapped = { y: a.y, m: a.d, d: a.m };
    if (weekdayOf(a) !== want && weekdayOf(swapped) === want) {
      const date = formatYmd(swapped);
      best = { ...best, date, value: date + best.value.slice(10) };
      published = best.value;
    }
    if (weekdayOf(parseYmd(best.date)!) === want) {
      const i = warnings.findIndex((w) => w.startsWith('ambiguous-day-month'));
      if (i >= 0) warnings.splice(i, 1);
      provenance = {
        ...provenance!,
        note: `day and month read so that ${best.date} is the ${weekday} the text names for today`,
      };
    }
  }
  const hint = best ?? (fetchedAt ? { source: 'fetch time', date: fetchedAt.slice(0, 10) } : null);
  const hintDate = hint ? parseYmd(hint.date) : null;
  if (!hint || !hintDate) return { published, source, provenance, warnings, ranked };
  if (weekdayOf(hintDate) === want) {
    if (!best) {
      published = hint.date;
      source = 'inferred';
      provenance = {
        source: 'inferred',
        text: today.surface,
        note: `the ${weekday} of the fetch date ${hint.date}`,
      };
      warnings.push(
        `date-inferred: ${published} is the ${weekday} named in the text, the day of the fetch date`,
      );
    }
  } else if (best && FIRM.has(best.source)) {
    warnings.push(
      `weekday-mismatch: the text names ${weekday} for today, but the ${best.source} date ${best.date} is a ${weekdayName(hintDate)}`,
    );
  } else {
    const back = (weekdayOf(hintDate) - want + 7) % 7;
    published = formatYmd(addDays(hintDate, -back));
    source = 'inferred';
    provenance = {
      source: 'inferred',
      text: today.surface,
      note: `the latest ${weekday} on or before the ${hint.source} date ${hint.date}`,
    };
    warnings.push(
      `date-inferred: ${published} is the ${weekday} named in the text, ${back} days before the ${hint.source} date ${hint.date}`,
    );
  }
  return { published, source, provenance, warnings, ranked };
}
