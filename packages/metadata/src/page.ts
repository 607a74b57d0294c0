import { type Normalized, normalize } from '@akhbar/text';
import { parseYmd } from './calendar.js';
import { type Credit, creditsInKey, findCredits, mayHoldCredit } from './credits.js';
import { type DateMatch, datesInKey, isoOf } from './dates.js';
import type { DateCandidate, MetadataInput, PublishedSource } from './types.js';

/** A publication date met on the page, with the match behind it. */
export interface Candidate extends DateCandidate {
  date: string;
  match?: DateMatch;
  /** Where on the page: the page line's rule id, the sidecar key. */
  from?: string;
}

/** What the page, the sidecar, the URL and the ends of the body say, before the dateline is read. */
export interface PageReading {
  /** One date per source, the first met, in the order met. */
  bySource: Map<PublishedSource, Candidate>;
  credits: Credit[];
  author: { name: string; source: string } | null;
  fetchedAt: string | null;
  warnings: string[];
}

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
const DIGIT_OR_RELATIVE = /[0-9\u0660-\u0669\u06f0-\u06f9]|منذ|قبل|مس|البارح|اليوم/;
const MODIFIED_LINE = /^\s*(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|updated|last updated)/i;
const BYLINE_LINE =
  /^\s*(?:بقلم|كتب|كتبت|حوار|نشر في|نشر بتاريخ|تاريخ النشر|نُشر|تم نشره|تم النشر|published)/i;
const MAX_LINE = 600;
/** The article's own lines come first on a page; later ones are related-article lists. 40 bounds the work. */
const MAX_META_LINES = 40;
/** A paragraph this short at either end of the body may be a credit or byline line. */
const SHORT_PARAGRAPH = 120;

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

/** The first and last paragraphs of the body, read from its bounded ends (a huge body costs nothing here). */
export function bodyEnds(body: string): { first: string; last: string } {
  const trimmed = body.length > 400 ? `${body.slice(0, 200)}\n\n${body.slice(-200)}` : body;
  const firstBreak = trimmed.indexOf('\n\n');
  const lastBreak = trimmed.lastIndexOf('\n\n');
  return {
    first: (firstBreak < 0 ? trimmed : trimmed.slice(0, firstBreak)).trim(),
    last: lastBreak < 0 ? '' : trimmed.slice(lastBreak + 2).trim(),
  };
}

/**
 * Publication dates, credits and the author from everything but the dateline: JSON-LD, the HTML meta tag,
 * the page's metadata lines, the sidecar, the URL, and a short byline or credit paragraph at either end of
 * the body. The fetch time (given, or a crawler's field in the sidecar) is a hint only, never a date here.
 */
export function readPage(input: MetadataInput): PageReading {
  const warnings: string[] = [];
  const page = input.page ?? {};
  const order = input.numericOrder;
  const sidecar = input.sidecar && typeof input.sidecar === 'object' ? input.sidecar : {};
  const fetchRaw =
    input.fetchedAt ?? SIDECAR_FETCH_KEYS.map((k) => sidecar[k]).find((v) => typeof v === 'string');
  const fetchedAt = validIso(fetchRaw);
  if (fetchRaw && !fetchedAt)
    warnings.push(
      `bad-input: the fetch time '${String(fetchRaw).slice(0, 40)}' is not an ISO date and was ignored`,
    );

  const bySource = new Map<PublishedSource, Candidate>();
  const credits: Credit[] = [];
  let author: PageReading['author'] = null;
  const push = (c: Candidate | null) => {
    if (c && !bySource.has(c.source)) bySource.set(c.source, c);
  };
  const credit = (found: ReturnType<typeof findCredits>, source: string) => {
    for (const c of found) {
      if (c.kind === 'author') author ??= { name: c.surface, source };
      else credits.push({ name: c.name, surface: c.surface, kind: c.kind });
    }
  };

  if (typeof page.jsonLd?.datePublished === 'string')
    push(firstDate(page.jsonLd.datePublished, 'json-ld', fetchedAt, order));
  if (typeof page.publishedTime === 'string')
    push(firstDate(page.publishedTime, 'html-meta', fetchedAt, order));
  for (const line of Array.isArray(page.metaLines) ? page.metaLines.slice(0, MAX_META_LINES) : []) {
    if (!line || typeof line.text !== 'string') continue;
    const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
    // A line with no digit, no relative-date word and no credit cue holds nothing: skipped before normalizing.
    if (!DIGIT_OR_RELATIVE.test(text) && !mayHoldCredit(text)) continue;
    const key = normalize(text); // once, for credits and dates both
    if (mayHoldCredit(text)) credit(creditsInKey(key), 'page');
    if (MODIFIED_LINE.test(text)) continue; // a modification time is not the publication date
    const c = firstDate(key, BYLINE_LINE.test(text) ? 'byline' : 'page-timestamp', fetchedAt, order);
    const rule = typeof line.rule === 'string' ? ` (${line.rule})` : '';
    if (c) push({ ...c, from: `page line${rule}: '${text.trim().slice(0, 80)}'` });
  }
  for (const k of SIDECAR_DATE_KEYS) {
    const v = sidecar[k];
    const c = typeof v === 'string' && v.length < 200 ? firstDate(v, 'sidecar', fetchedAt, order) : null;
    if (c) {
      push({ ...c, from: `sidecar key ${k}` });
      break;
    }
  }
  const { first, last } = bodyEnds(input.body);
  // A short opening paragraph that is a byline line with a date (تم نشره الجمعة 24 نيسان 2020) dates the article.
  if (first.length <= SHORT_PARAGRAPH && BYLINE_LINE.test(first))
    push(firstDate(first, 'byline', fetchedAt, order));
  // A short closing line (المصدر: وكالات) or opening byline (كتب - فلان) credits the story.
  for (const p of [first, last]) if (p.length <= SHORT_PARAGRAPH) credit(findCredits(p), 'body');
  const url = [input.url, page.canonicalUrl, page.ogUrl, sidecar['url']].find(
    (u): u is string => typeof u === 'string' && u !== '',
  );
  const ud = url ? urlDate(url) : null;
  if (ud) push({ source: 'url', value: ud.date, date: ud.date, text: ud.text });
  return { bySource, credits, author, fetchedAt, warnings };
}
