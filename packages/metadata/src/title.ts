import { decodeHTML } from 'entities';

/** Where a title candidate came from (the boilerplate stage's TitleCandidate.source). */
export type TitleSource =
  | 'text-headline'
  | 'html-title'
  | 'og:title'
  | 'json-ld'
  | 'h1'
  | 'twitter:title'
  | 'sidecar';

export interface TitleCandidate {
  text: string;
  source: TitleSource | string;
}

export interface TitleChoice {
  title: string | null;
  source: string | null;
  text?: string;
  warnings: string[];
}

/** Most trusted first: the page's own headline line, then structured data, then the <title> that carries the site name. */
const TRUST: readonly string[] = [
  'text-headline',
  'json-ld',
  'og:title',
  'h1',
  'twitter:title',
  'html-title',
  'sidecar',
];
const MAX_CHARS = 250;
const MAX_WORDS = 35;
const SITE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' « ', ' » '];

/** Why a line is not a headline, or null when it is one: short, one line, no closing full stop. */
export function headlineProblem(text: string): string | null {
  const t = text.trim();
  if (t.length < 4) return 'too short';
  if (t.length > MAX_CHARS) return `longer than ${MAX_CHARS} characters`;
  if (/[\n\r]/.test(t)) return 'more than one line';
  if (t.split(/\s+/).length > MAX_WORDS) return `more than ${MAX_WORDS} words`;
  if (/[.。۔]$/.test(t) && !/\.\.\.$|…$/.test(t)) return 'ends with a full stop, as a sentence does';
  return null;
}

/** Drops a trailing (or leading) site name from an HTML <title>: 'X | بوابة الأهرام' -> 'X'. */
export function stripSiteName(title: string, siteName?: string): string {
  const t = title.trim();
  for (const sep of SITE_SEPARATORS) {
    const i = t.lastIndexOf(sep);
    if (i <= 0) continue;
    const head = t.slice(0, i).trim();
    const tail = t.slice(i + sep.length).trim();
    if (
      (siteName && tail === siteName.trim()) ||
      (tail.length < head.length && tail.split(/\s+/).length <= 5)
    ) {
      return head;
    }
    const j = t.indexOf(sep);
    const first = t.slice(0, j).trim();
    const rest = t.slice(j + sep.length).trim();
    if (siteName && first === siteName.trim()) return rest;
  }
  return t;
}

/**
 * The title: the most trusted candidate that really is a headline. A text capture's first line counts only
 * when it is short, one line and has no closing full stop; a title is never made up from the body.
 */
export function chooseTitle(
  candidates: readonly TitleCandidate[],
  body: string,
  siteName?: string,
): TitleChoice {
  const warnings: string[] = [];
  const ranked = candidates
    .filter((c) => c && typeof c.text === 'string' && c.text.trim() !== '')
    .map((c, i) => ({ c, i, rank: TRUST.indexOf(c.source) < 0 ? TRUST.length : TRUST.indexOf(c.source) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const lead = body.trimStart().slice(0, 400);
  // Some sites entity-encode their JSON-LD and meta text twice (&quot; survives HTML parsing): decode it.
  const clean = (t: string) => (t.includes('&') ? decodeHTML(t) : t).trim().replace(/\s+/g, ' ');
  const texts = ranked.map(({ c }) => clean(c.text));
  for (const [n, { c }] of ranked.entries()) {
    let text = c.source === 'html-title' ? stripSiteName(clean(c.text), siteName) : texts[n]!;
    // 'المدينة نيوز - X' in og:title while the h1 says 'X': another source gives the headline without the
    // site name, so take that part.
    const bare = texts.find(
      (o) =>
        o.length < text.length &&
        SITE_SEPARATORS.some((sep) => text.endsWith(sep + o) || text.startsWith(o + sep)),
    );
    if (bare) text = bare;
    const problem = headlineProblem(text);
    if (problem) {
      warnings.push(`title-rejected: the ${c.source} candidate '${text.slice(0, 60)}' ${problem}`);
      continue;
    }
    if (c.source === 'text-headline' && lead.startsWith(text) && lead.length > text.length + 1) {
      warnings.push(`title-rejected: the text-headline candidate is the opening of the body, not a headline`);
      continue;
    }
    return { title: text, source: c.source, text: c.text, warnings };
  }
  return { title: null, source: null, warnings };
}
