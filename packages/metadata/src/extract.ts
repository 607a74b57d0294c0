import { type Normalized, normalize } from '@akhbar/text';
import { addDays, dayDiff, parseYmd, weekdayName, weekdayOf } from './calendar.js';
import { type Credit, creditsInKey, findCredits, mayHoldCredit } from './credits.js';
import { WEEKDAY_EN } from './data/months.js';
import { findDateline } from './dateline.js';
import { type DateMatch, datesInKey, isoOf } from './dates.js';
import { agencyName } from './lexicon.js';
import { chooseTitle, type TitleCandidate } from './title.js';
import type { ArticleMetadata, DateCandidate, MetadataInput, Provenance, PublishedSource } from './types.js';
import { findWeekdays } from './weekday.js';

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

const SIDECAR_DATE_KEYS = [
  'published',
  'datePublished',
  'date_published',
  'published_at',
  'publishedAt',
  'pubDate',
  'pubdate',
  'publish_date',
  'date',
];
const SIDECAR_FETCH_KEYS = [
  'fetchedAt',
  'fetched_at',
  'crawled_at',
  'crawledAt',
  'crawl_date',
  'scraped_at',
  'retrieved_at',
  'WARC-Date',
  'warc_date',
];
// هنا as a word, optionally followed by في and a one- or two-word place (هنا في كوالالمبور).
const HERE = /(?<![\p{L}])هنا(?![\p{L}])(?: في ([\p{L}]+(?: [\p{L}]+)?)(?=[\s،,.]))?/u;
const DIGIT_OR_RELATIVE = /[0-9\u0660-\u0669\u06f0-\u06f9]|منذ|قبل|مس|البارح|اليوم/;
const MODIFIED_LINE = /^\s*(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|updated|last updated)/i;
const BYLINE_LINE =
  /^\s*(?:بقلم|كتب|كتبت|حوار|نشر في|نشر بتاريخ|تاريخ النشر|نُشر|تم نشره|تم النشر|published)/i;
const MAX_LINE = 600;
const MAX_META_LINES = 40;

interface Candidate extends DateCandidate {
  date: string;
  match?: DateMatch;
  /** Where on the page: the page line's rule id, the sidecar key. */
  from?: string;
}

function fail(message: string): never {
  throw new TypeError(`extractMetadata: ${message}`);
}

function validIso(s: unknown): string | null {
  return typeof s === 'string' && parseYmd(s.trim()) ? s.trim() : null;
}

/** A date in a URL path: /2025/07/10/, /2025-07-10-, /20250710/. */
export function urlDate(url: string): { date: string; text: string } | null {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not absolute: read it as a path
  }
  const m =
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=$|[/_.-])/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])/.exec(path);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return parseYmd(date) ? { date, text: m[0].replace(/^[/_-]/, '') } : null;
}

function firstDate(
  text: string | Normalized,
  source: PublishedSource,
  fetchedAt: string | null,
  order?: 'dmy' | 'mdy',
): Candidate | null {
  const key =
    typeof text === 'string' ? normalize(text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text) : text;
  for (const m of datesInKey(key, { relative: true, reference: fetchedAt, numericOrder: order })) {
    const value = isoOf(m);
    if (value && m.date) return { source, value, date: m.date, text: m.surface, match: m };
  }
  return null;
}

/**
 * Title, dateline, publication date, weekday, agency, credits and byline of one article, each with where it
 * came from. Pure: reads only its input. Dates in every Arabic form (see findDates); the dateline grammar is
 * findDateline's. Throws a TypeError only when the input is not an object with a string body.
 */
export function extractMetadata(input: MetadataInput): ArticleMetadata {
  if (!input || typeof input !== 'object')
    fail('expected an object { body, titleCandidates?, page?, url?, fetchedAt?, sidecar? }');
  const { body } = input;
  if (typeof body !== 'string')
    fail('`body` must be a string: decode the bytes and strip the page first (@akhbar/boilerplate)');
  const warnings: string[] = [];
  const provenance: Record<string, Provenance> = {};
  const page = input.page ?? {};
  const order = input.numericOrder;
  const sidecar = input.sidecar && typeof input.sidecar === 'object' ? input.sidecar : {};
  // The fetch time: given, or a crawler's field in the sidecar. A hint only, never a publication date.
  const fetchRaw =
    input.fetchedAt ?? SIDECAR_FETCH_KEYS.map((k) => sidecar[k]).find((v) => typeof v === 'string');
  const fetchedAt = validIso(fetchRaw);
  if (fetchRaw && !fetchedAt)
    warnings.push(
      `bad-input: the fetch time '${String(fetchRaw).slice(0, 40)}' is not an ISO date and was ignored`,
    );

  // Dates other than the dateline's, most trusted first. They also supply the year of a year-less dateline.
  const cands: Candidate[] = [];
  const credits: Credit[] = [];
  let bylineFrom: { name: string; source: string } | null = null;
  const push = (c: Candidate | null) => {
    if (c) cands.push(c);
  };
  if (typeof page.jsonLd?.datePublished === 'string')
    push(firstDate(page.jsonLd.datePublished, 'json-ld', fetchedAt, order));
  if (typeof page.publishedTime === 'string')
    push(firstDate(page.publishedTime, 'html-meta', fetchedAt, order));
  // The article's own lines come first on a page; later ones are related-article lists. 40 is plenty and bounds the work.
  for (const line of Array.isArray(page.metaLines) ? page.metaLines.slice(0, MAX_META_LINES) : []) {
    if (!line || typeof line.text !== 'string') continue;
    const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
    // A line with no digit, no relative-date word and no credit cue (a '17:53 GMT' bullet has digits; a
    // 'news-picture' label has none) holds nothing: skip it before normalizing.
    if (!DIGIT_OR_RELATIVE.test(text) && !mayHoldCredit(text)) continue;
    const key = normalize(text); // once, for credits and dates both
    if (mayHoldCredit(text)) {
      for (const c of creditsInKey(key)) {
        if (c.kind === 'author') bylineFrom ??= { name: c.surface, source: 'page' };
        else credits.push({ name: c.name, surface: c.surface, kind: c.kind });
      }
    }
    if (MODIFIED_LINE.test(text)) continue; // a modification time is not the publication date
    const c = firstDate(key, BYLINE_LINE.test(text) ? 'byline' : 'page-timestamp', fetchedAt, order);
    if (c)
      push({
        ...c,
        from: `page line${typeof line.rule === 'string' ? ` (${line.rule})` : ''}: '${text.trim().slice(0, 80)}'`,
      });
  }
  for (const k of SIDECAR_DATE_KEYS) {
    const v = sidecar[k];
    if (typeof v === 'string' && v.length < 200) {
      const c = firstDate(v, 'sidecar', fetchedAt, order);
      if (c) {
        push({ ...c, from: `sidecar key ${k}` });
        break;
      }
    }
  }
  // Only the ends of the body are read (indexOf, bounded), so a huge body costs nothing here.
  const trimmed = body.length > 400 ? `${body.slice(0, 200)}\n\n${body.slice(-200)}` : body;
  const firstBreak = trimmed.indexOf('\n\n');
  const lastBreak = trimmed.lastIndexOf('\n\n');
  const firstPara = (firstBreak < 0 ? trimmed : trimmed.slice(0, firstBreak)).trim();
  const lastPara = lastBreak < 0 ? '' : trimmed.slice(lastBreak + 2).trim();
  // A short opening paragraph that is a byline line with a date (تم نشره الجمعة 24 نيسان 2020) dates the article.
  if (firstPara.length <= 120 && BYLINE_LINE.test(firstPara))
    push(firstDate(firstPara, 'byline', fetchedAt, order));
  const url = [input.url, page.canonicalUrl, page.ogUrl, sidecar['url']].find(
    (u): u is string => typeof u === 'string' && u !== '',
  );
  const ud = url ? urlDate(url) : null;
  if (ud) push({ source: 'url', value: ud.date, date: ud.date, text: ud.text });
  // Keep one date per source: the first met.
  const bySource = new Map<PublishedSource, Candidate>();
  for (const c of cands) if (!bySource.has(c.source)) bySource.set(c.source, c);
  const reference = [...bySource.values()][0]?.date ?? fetchedAt;

  // The dateline.
  const dl =
    findDateline(body, { reference, numericOrder: order }) ?? datelineAfterByline(body, reference, order);
  if (dl) {
    warnings.push(...dl.warnings);
    provenance['dateline'] = { source: 'body', text: dl.surface, start: dl.start, end: dl.end };
    if (dl.date)
      bySource.set('dateline', { source: 'dateline', value: dl.date, date: dl.date, text: dl.surface });
  }
  const ranked = PUBLISHED_TRUST.map((s) => bySource.get(s)).filter((c): c is Candidate => c !== undefined);

  // published: the most trusted date. A structured timestamp of the same day adds its time and offset.
  let best = ranked[0] ?? null;
  let published = best?.value ?? null;
  let publishedSource: PublishedSource | null = best?.source ?? null;
  if (best) {
    provenance['published'] = {
      source: best.source,
      text: best.text,
      ...(best.from ? { note: best.from } : {}),
    };
    if (best.match) warnings.push(...best.match.warnings);
    if (best.source === 'dateline') {
      const precise = ranked.find((c) => c !== best && c.date === best!.date && c.value.length > 10);
      if (precise) {
        published = precise.value;
        publishedSource = precise.source;
        provenance['published'] = {
          source: precise.source,
          text: precise.text,
          note: `same day as the dateline (${best.text}); the ${precise.source} timestamp adds the time and offset`,
        };
      }
      const later = ranked.filter((c) => c.source !== 'dateline' && c.date !== best!.date);
      if (later.length > 0 && !precise) {
        provenance['published']!.note = `the dateline is the agency's own date for the story; ${later
          .map((c) => `the ${c.source} ${c.date}`)
          .join(', ')} is when this page posted or updated it`;
      }
      for (const c of later) {
        const diff = dayDiff(parseYmd(best.date)!, parseYmd(c.date)!);
        if (diff < 0 || diff > 3) {
          warnings.push(
            `date-disagreement: the ${c.source} date ${c.date} is ${Math.abs(diff)} days ${diff < 0 ? 'before' : 'after'} the dateline date ${best.date}`,
          );
        }
      }
    }
  }

  // هنا ("here") in the lead is the dateline place. Without a dateline it means the capture lost it.
  const here = HERE.exec(body.length > 600 ? body.slice(0, 600) : body);
  if (here) {
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

  // The weekday named for "today", checked against the date, and the date inferred from it when only a hint exists.
  const days = findWeekdays(body);
  const weekday = days[0]?.today ?? null;
  if (days[0])
    provenance['weekday'] = { source: 'body', text: days[0].surface, start: days[0].start, end: days[0].end };
  for (const d of days.slice(1)) {
    if (d.today !== weekday)
      warnings.push(
        `weekday-conflict: the text names ${weekday} for today, then implies ${d.today} ('${d.surface}')`,
      );
  }
  if (weekday) {
    const want = WEEKDAY_EN.indexOf(weekday as (typeof WEEKDAY_EN)[number]);
    // An ambiguous numeric date (05/04/2024) is settled by the weekday the text names for today when only
    // one reading falls on it.
    if (best?.match?.ambiguous) {
      const a = parseYmd(best.date)!;
      const swapped = { y: a.y, m: a.d, d: a.m };
      if (weekdayOf(a) !== want && weekdayOf(swapped) === want) {
        const date = `${swapped.y}-${String(swapped.m).padStart(2, '0')}-${String(swapped.d).padStart(2, '0')}`;
        best = { ...best, date, value: date + best.value.slice(10) };
        if (published) published = best.value;
      }
      if (weekdayOf(parseYmd(best.date)!) === want) {
        const i = warnings.findIndex((w) => w.startsWith('ambiguous-day-month'));
        if (i >= 0) warnings.splice(i, 1);
        provenance['published'] = {
          ...provenance['published']!,
          note: `day and month read so that ${best.date} is the ${weekday} the text names for today`,
        };
      }
    }
    const hint =
      best ??
      (fetchedAt ? { source: 'fetchedAt', date: parseYmd(fetchedAt) && fetchedAt.slice(0, 10) } : null);
    const hintDate = hint?.date ? parseYmd(hint.date) : null;
    if (hint && hintDate && weekdayOf(hintDate) !== want) {
      if (best && FIRM.has(best.source)) {
        warnings.push(
          `weekday-mismatch: the text names ${weekday} for today, but the ${best.source} date ${best.date} is a ${weekdayName(hintDate)}`,
        );
      } else {
        const back = (weekdayOf(hintDate) - want + 7) % 7;
        const inferred = addDays(hintDate, -back);
        published = `${inferred.y}-${String(inferred.m).padStart(2, '0')}-${String(inferred.d).padStart(2, '0')}`;
        publishedSource = 'inferred';
        provenance['published'] = {
          source: 'inferred',
          text: days[0]!.surface,
          note: `the latest ${weekday} on or before the ${hint.source} date ${hint.date}`,
        };
        warnings.push(
          `date-inferred: ${published} is the ${weekday} named in the text, ${back} days before the ${hint.source} date ${hint.date}`,
        );
      }
    } else if (!best && hint && hintDate) {
      published = hint.date;
      publishedSource = 'inferred';
      provenance['published'] = {
        source: 'inferred',
        text: days[0]!.surface,
        note: `the ${weekday} of the fetch date ${hint.date}`,
      };
      warnings.push(
        `date-inferred: ${published} is the ${weekday} named in the text, the day of the fetch date`,
      );
    }
  }

  // Title.
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
  for (const [source, text] of extra)
    if (typeof text === 'string' && !have.has(source)) titleCands.push({ source, text });
  const t = chooseTitle(titleCands, body, page.ogSiteName);
  warnings.push(...t.warnings);
  if (t.title && t.source) provenance['title'] = { source: t.source, text: t.text ?? t.title };

  // Credits in the body: a short closing line (المصدر: وكالات) or a short byline line before the lead.
  for (const p of [firstPara, lastPara]) {
    if (p.length > 120) continue;
    for (const c of findCredits(p)) {
      if (c.kind === 'author') bylineFrom ??= { name: c.surface, source: 'body' };
      else credits.push({ name: c.name, surface: c.surface, kind: c.kind });
    }
  }

  // Agency: the dateline's, else a credit that names a known agency.
  let agency: ArticleMetadata['agency'] = null;
  if (dl?.agency && dl.agencySurface) {
    agency = { name: dl.agency, surface: dl.agencySurface };
    provenance['agency'] = { source: 'dateline', text: dl.agencySurface, start: dl.start, end: dl.end };
  }
  for (const c of credits) {
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
  } else if (bylineFrom) {
    byline = bylineFrom.name;
    provenance['byline'] = { source: bylineFrom.source, text: byline };
  }

  return {
    title: t.title,
    published,
    published_source: publishedSource,
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
    credits: dedupeCredits(credits),
    byline,
    warnings: [...new Set(warnings)],
    provenance,
    date_candidates: ranked.map(({ source, value, text }) => ({ source, value, text })),
  };
}

// Some outlets open with a byline paragraph (كتب - فلان:) and put the dateline at the start of the next one.
function datelineAfterByline(body: string, reference: string | null, order?: 'dmy' | 'mdy') {
  const br = body.indexOf('\n\n');
  if (br <= 0 || br > 120 || !findCredits(body.slice(0, br)).some((c) => c.kind === 'author')) return null;
  let off = br + 2;
  while (off < body.length && /\s/.test(body[off]!)) off++;
  const d = findDateline(body.slice(off, off + 400), { reference, numericOrder: order });
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
