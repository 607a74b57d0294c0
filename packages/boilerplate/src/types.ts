/** What a removed segment was, for the researcher reading the `removed` table. */
export type RemovalKind =
  | 'share'
  | 'cookie'
  | 'breadcrumb'
  | 'related'
  | 'metadata'
  | 'furniture'
  | 'counter'
  | 'tags'
  | 'copyright'
  | 'subscribe'
  | 'caption'
  | 'navigation'
  | 'advert'
  | 'comments'
  | 'title';

/** One removed segment: `source.slice(start, end) === text` (UTF-16 offsets, half open). */
export interface Removal {
  rule: string;
  kind: RemovalKind;
  text: string;
  start: number;
  end: number;
}

export interface TitleCandidate {
  text: string;
  source: 'text-headline' | 'html-title' | 'og:title' | 'json-ld' | 'h1' | 'twitter:title';
}

/** Page metadata met on the way, handed to @akhbar/metadata. Every field is optional. */
export interface PageMeta {
  htmlTitle?: string;
  ogTitle?: string;
  ogSiteName?: string;
  ogUrl?: string;
  canonicalUrl?: string;
  lang?: string;
  description?: string;
  publishedTime?: string;
  modifiedTime?: string;
  author?: string[];
  section?: string;
  keywords?: string[];
  jsonLd?: {
    type?: string;
    headline?: string;
    datePublished?: string;
    dateModified?: string;
    author?: string[];
    publisher?: string;
  };
  /** Removed lines that carry metadata (a source/timestamp line, an aggregator's date bullet). */
  metaLines: Array<{ rule: string; text: string }>;
}

export type BlockKind = 'p' | 'heading' | 'list' | 'quote';

/** A block of the body: `body.slice(start, end)`. */
export interface Block {
  start: number;
  end: number;
  kind: BlockKind;
}

export interface StripResult {
  /** Article paragraphs, each trimmed, separated by a blank line. */
  body: string;
  /** The text that removal offsets point into: the raw text for stripText, the page's text rendering for stripHtml. */
  source: string;
  removed: Removal[];
  titleCandidates: TitleCandidate[];
  page: PageMeta;
  blocks: Block[];
  warnings: string[];
}

export interface StripTextOptions {
  /** Lines longer than this are always kept as article text (precision first, and bounded time). Default 1200. */
  maxRuleLineLength?: number;
}

export interface StripHtmlOptions {
  /** The page URL: a relative canonical link is resolved against it. */
  url?: string;
  /** The HTTP Content-Type header, whose charset parameter is honoured when the page does not declare one. */
  contentType?: string;
}
