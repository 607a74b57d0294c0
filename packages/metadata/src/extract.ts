import { type Credit, findCredits } from './credits.js';
import { type Dateline, findDateline } from './dateline.js';
import { agencyName } from './lexicon.js';
import { readPage } from './page.js';
import { choosePublished } from './published.js';
import { chooseTitle, type TitleCandidate } from './title.js';
import type { ArticleMetadata, MetadataInput, Provenance } from './types.js';
import { findWeekdays } from './weekday.js';

// هنا as a word, optionally followed by في and a one- or two-word place (هنا في كوالالمبور).
const HERE = /(?<![\p{L}])هنا(?![\p{L}])(?: في ([\p{L}]+(?: [\p{L}]+)?)(?=[\s،,.]))?/u;

function fail(message: string): never {
  throw new TypeError(`extractMetadata: ${message}`);
}

/**
 * Title, dateline, publication date, weekday, agency, credits and byline of one article, each with where it
 * came from. Pure: reads only its input. Dates in every Arabic form (see findDates); the dateline grammar is
 * findDateline's; the order of trust for the date is choosePublished's. Throws a TypeError only when the
 * input is not an object with a string body.
 */
export function extractMetadata(input: MetadataInput): ArticleMetadata {
  if (!input || typeof input !== 'object')
    fail('expected an object { body, titleCandidates?, page?, url?, fetchedAt?, sidecar? }');
  const { body } = input;
  if (typeof body !== 'string')
    fail('`body` must be a string: decode the bytes and strip the page first (@akhbar/boilerplate)');
  const page = input.page ?? {};
  const provenance: Record<string, Provenance> = {};

  // Dates, credits and author from the page, sidecar, URL and the ends of the body.
  const seen = readPage(input);
  const warnings = [...seen.warnings];
  const { bySource, fetchedAt } = seen;

  // The dateline. Other dates supply the year of a year-less one (MENA, QNA, KUNA).
  const reference = [...bySource.values()][0]?.date ?? fetchedAt;
  const options = { reference, numericOrder: input.numericOrder };
  const dl = findDateline(body, options) ?? datelineAfterByline(body, options);
  if (dl) {
    warnings.push(...dl.warnings);
    provenance['dateline'] = { source: 'body', text: dl.surface, start: dl.start, end: dl.end };
    if (dl.date) {
      bySource.set('dateline', { source: 'dateline', value: dl.date, date: dl.date, text: dl.surface });
    }
  }
  readHere(body, dl, provenance, warnings);

  // The weekday named for "today".
  const days = findWeekdays(body);
  const weekday = days[0]?.today ?? null;
  if (days[0]) {
    provenance['weekday'] = { source: 'body', text: days[0].surface, start: days[0].start, end: days[0].end };
  }
  for (const d of days.slice(1)) {
    if (d.today !== weekday) {
      warnings.push(
        `weekday-conflict: the text names ${weekday} for today, then implies ${d.today} ('${d.surface}')`,
      );
    }
  }

  // published, checked against that weekday.
  const chosen = choosePublished(
    bySource,
    weekday ? { weekday, surface: days[0]!.surface } : null,
    fetchedAt,
  );
  warnings.push(...chosen.warnings);
  if (chosen.provenance) provenance['published'] = chosen.provenance;

  // Title: the given candidates, then the page's and sidecar's own fields.
  const sidecar = input.sidecar && typeof input.sidecar === 'object' ? input.sidecar : {};
  const titleCands: TitleCandidate[] = [
    ...(Array.isArray(input.titleCandidates) ? input.titleCandidates : []),
  ];
  const have = new Set(titleCands.map((c) => c.source));
  const extra: Array<[string, unknown]> = [
    ['json-ld', page.jsonLd?.headline],
    ['og:title', page.ogTitle],
    ['html-title', page.htmlTitle],
    ['sidecar', sidecar['title']],
  ];
  for (const [source, text] of extra) {
    if (typeof text === 'string' && !have.has(source)) titleCands.push({ source, text });
  }
  const t = chooseTitle(titleCands, body, page.ogSiteName);
  warnings.push(...t.warnings);
  if (t.title && t.source) provenance['title'] = { source: t.source, text: t.text ?? t.title };

  // Agency: the dateline's, else a credit that names a known agency.
  let agency: ArticleMetadata['agency'] = null;
  if (dl?.agency && dl.agencySurface) {
    agency = { name: dl.agency, surface: dl.agencySurface };
    provenance['agency'] = { source: 'dateline', text: dl.agencySurface, start: dl.start, end: dl.end };
  }
  for (const c of seen.credits) {
    const name = agencyName(c.surface);
    if (!name) continue;
    if (!agency) {
      agency = { name, surface: c.surface };
      provenance['agency'] = { source: 'credit', text: c.surface };
    } else if (agency.name !== name && name !== 'Agencies') {
      warnings.push(`agency-conflict: the dateline names ${agency.name} but a credit names ${name}`);
    }
  }

  // Byline: the page's author fields, else a credit line.
  const authors = [page.jsonLd?.author, page.author].find(
    (a) => Array.isArray(a) && a.some((x) => typeof x === 'string' && x.trim()),
  );
  let byline: string | null = null;
  if (authors) {
    byline = (authors as unknown[])
      .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
      .join('; ');
    provenance['byline'] = {
      source: authors === page.jsonLd?.author ? 'json-ld' : 'html-meta',
      text: byline,
    };
  } else if (seen.author) {
    byline = seen.author.name;
    provenance['byline'] = { source: seen.author.source, text: byline };
  }

  return {
    title: t.title,
    published: chosen.published,
    published_source: chosen.source,
    weekday,
    dateline: dl
      ? {
          place: dl.place,
          place_en: dl.placeEn,
          date: dl.date,
          hijri: dl.hijri,
          agency: dl.agency,
          agency_surface: dl.agencySurface,
          surface: dl.surface,
          start: dl.start,
          end: dl.end,
        }
      : null,
    agency,
    credits: dedupeCredits(seen.credits),
    byline,
    warnings: [...new Set(warnings)],
    provenance,
    date_candidates: chosen.ranked.map(({ source, value, text }) => ({ source, value, text })),
  };
}

// هنا ("here") in the lead is the dateline place. Without a dateline it means the capture lost it.
function readHere(
  body: string,
  dl: Dateline | null,
  provenance: Record<string, Provenance>,
  warnings: string[],
) {
  const here = HERE.exec(body.length > 600 ? body.slice(0, 600) : body);
  if (!here) return;
  const start = here.index;
  if (dl?.place) {
    provenance['here'] = {
      source: 'dateline',
      text: 'هنا',
      start,
      end: start + 3,
      note: `"here" is the dateline place ${dl.place}`,
    };
  } else if (here[1]) {
    provenance['here'] = {
      source: 'body',
      text: here[0],
      start,
      end: start + here[0].length,
      note: `the lead names the place: ${here[1]}`,
    };
  } else {
    warnings.push(
      `dateline-missing: the lead says هنا ("here") but no dateline names the place; the capture probably lost it`,
    );
  }
}

// Some outlets open with a byline paragraph (كتب - فلان:) and put the dateline at the start of the next one.
function datelineAfterByline(body: string, options: Parameters<typeof findDateline>[1]): Dateline | null {
  const br = body.indexOf('\n\n');
  if (br <= 0 || br > 120 || !findCredits(body.slice(0, br)).some((c) => c.kind === 'author')) return null;
  let off = br + 2;
  while (off < body.length && /\s/.test(body[off]!)) off++;
  const d = findDateline(body.slice(off, off + 400), options);
  return d ? { ...d, start: d.start + off, end: d.end + off } : null;
}

function dedupeCredits(credits: Credit[]): Credit[] {
  const seen = new Set<string>();
  return credits.filter((c) => {
    const k = `${c.kind}\u0000${c.name}\u0000${c.surface}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
