import type { PageMeta } from '../types.js';

type JsonLd = NonNullable<PageMeta['jsonLd']>;

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'webpage',
]);

/** Parses a JSON-LD script, repairing the usual breakage (trailing commas, raw newlines in strings, HTML comments). */
export function parseJsonLd(text: string): unknown {
  const cleaned = text.replace(/^\s*(?:<!--|\/\/<!\[CDATA\[)|(?:-->|\/\/\]\]>)\s*$/g, '').trim();
  try {
    return JSON.parse(cleaned);
  } catch {
    const repaired = cleaned.replace(/,\s*([}\]])/g, '$1').replace(/[\u0000-\u001f]+/g, ' ');
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object' && 'name' in v) return str((v as { name: unknown }).name);
  return undefined;
}

function names(v: unknown): string[] | undefined {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out = list.map(str).filter((s): s is string => s !== undefined);
  return out.length > 0 ? out : undefined;
}

function typesOf(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Finds the article object in parsed JSON-LD (a plain object, an array, or an @graph), depth-limited. */
export function articleFromJsonLd(data: unknown): JsonLd | undefined {
  const queue: Array<[unknown, number]> = [[data, 0]];
  let page: JsonLd | undefined;
  while (queue.length > 0) {
    const [v, depth] = queue.shift()!;
    if (depth > 6 || v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 200)) queue.push([x, depth + 1]);
      continue;
    }
    const o = v as Record<string, unknown>;
    const types = typesOf(o);
    const match = types.find((t) => ARTICLE_TYPES.has(t.toLowerCase()));
    if (match) {
      const found: JsonLd = { type: match };
      const headline = str(o['headline']) ?? str(o['name']);
      if (headline) found.headline = headline;
      const published = str(o['datePublished']);
      if (published) found.datePublished = published;
      const modified = str(o['dateModified']);
      if (modified) found.dateModified = modified;
      const author = names(o['author']);
      if (author) found.author = author;
      const publisher = str(o['publisher']);
      if (publisher) found.publisher = publisher;
      // A WebPage is only a fallback: an Article anywhere in the graph wins.
      if (match.toLowerCase() !== 'webpage') return found;
      page ??= found;
    }
    if (o['@graph']) queue.push([o['@graph'], depth + 1]);
    if (o['mainEntity']) queue.push([o['mainEntity'], depth + 1]);
  }
  return page;
}
