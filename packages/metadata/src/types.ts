import type { Credit } from './credits.js';
import type { TitleCandidate } from './title.js';

/** Where `published` came from, most trusted first. */
export type PublishedSource =
  | 'dateline'
  | 'json-ld'
  | 'html-meta'
  | 'page-timestamp'
  | 'byline'
  | 'sidecar'
  | 'url'
  | 'inferred';

/** The page metadata the boilerplate stage collects (its PageMeta), all optional. Structural: no import needed. */
export interface PageMetaInput {
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
  /** Lines removed from the page that carry metadata: a source/timestamp line, an aggregator's date bullet. */
  metaLines?: Array<{ rule: string; text: string }>;
}

export interface MetadataInput {
  /** The article body (paragraphs separated by a blank line). Dateline, weekday spans are into it. */
  body: string;
  titleCandidates?: TitleCandidate[];
  page?: Partial<PageMetaInput>;
  url?: string | null;
  /** When the page was fetched (ISO; a WARC-Date): resolves relative and year-less dates, and is a hint for inference. Never a publication date itself. */
  fetchedAt?: string | null;
  /** A sidecar JSON object that came with the capture (published, date, title, url ...). */
  sidecar?: Record<string, unknown> | null;
  /** How to read numeric dates whose day and month are both ≤ 12. Default 'dmy'. */
  numericOrder?: 'dmy' | 'mdy';
}

export interface DatelineField {
  place: string | null;
  place_en: string | null;
  date: string | null;
  hijri: string | null;
  agency: string | null;
  agency_surface: string | null;
  surface: string;
  start: number;
  end: number;
}

export interface DateCandidate {
  source: PublishedSource;
  value: string;
  text: string;
}

export interface Provenance {
  source: string;
  text?: string;
  start?: number;
  end?: number;
  /** Why this source won over another when they disagree. */
  note?: string;
}

export interface ArticleMetadata {
  title: string | null;
  /** 'YYYY-MM-DD', or an ISO date-time with its offset when the source gives both. */
  published: string | null;
  published_source: PublishedSource | null;
  /** English name of the weekday the text names for "today". */
  weekday: string | null;
  dateline: DatelineField | null;
  agency: { name: string; surface: string } | null;
  credits: Credit[];
  byline: string | null;
  warnings: string[];
  provenance: Record<string, Provenance>;
  /** Every publication date met, by source, most trusted first (extension of the contract). */
  date_candidates: DateCandidate[];
}
