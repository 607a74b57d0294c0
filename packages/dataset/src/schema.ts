/**
 * The akhbar data contract, schema version 1: every table, its columns in order, their types.
 * Column names are the contract's (snake_case); columns after the contract's are additive
 * extensions ("extend freely"), never renames or retypes.
 */

/** Logical column types. Each maps to one Arrow/Parquet type, one CSV encoding and one JSON type. */
export type ColumnType = 'string' | 'int32' | 'int64' | 'float64' | 'date' | 'list<string>';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** Low-cardinality strings are dictionary-encoded in Arrow (still plain strings to every reader). */
  dictionary?: boolean;
  description: string;
  /** Columns computed by the writer from the row (callers never supply them). */
  derived?: boolean;
}

export const SCHEMA_VERSION = 1;

export const TABLE_NAMES = ['articles', 'mentions', 'entities', 'removed', 'errors'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface ArticleRow {
  article_id: string;
  source_path: string;
  url: string | null;
  site: string | null;
  title: string | null;
  body: string;
  /** ISO 8601: 'YYYY-MM-DD' or a date-time with offset, as the article states it. */
  published: string | null;
  published_source: string | null;
  weekday: string | null;
  dateline_place: string | null;
  agency: string | null;
  word_count: number;
  content_sha256: string;
  duplicate_of: string | null;
  pipeline_version: string;
  /** Extension: the distinct entity ids mentioned in the article, sorted. */
  entity_ids?: string[] | null;
}

export interface MentionRow {
  article_id: string;
  entity_id: string;
  type: 'PERSON' | 'ORG' | 'LOC';
  surface: string;
  canonical_ar: string;
  canonical_en: string;
  start: number;
  end: number;
  method: string;
  confidence: number;
  /** Extension: the mention's role where the tagger gives one (e.g. 'agency'). */
  role?: string | null;
}

export interface EntityRow {
  entity_id: string;
  type: 'PERSON' | 'ORG' | 'LOC';
  canonical_ar: string;
  canonical_en: string;
  aliases: string[];
  mention_count: number;
  article_count: number;
  /** 'YYYY-MM-DD' */
  first_published: string | null;
  last_published: string | null;
}

export interface RemovedRow {
  article_id: string;
  rule: string;
  text: string;
  start: number;
  end: number;
  /** Extension: the removal kind (share, cookie, breadcrumb, ...). */
  kind?: string | null;
}

export interface ErrorRow {
  source_path: string;
  stage: string;
  message: string;
}

export interface RowTypes {
  articles: ArticleRow;
  mentions: MentionRow;
  entities: EntityRow;
  removed: RemovedRow;
  errors: ErrorRow;
}

export interface TableSpec {
  name: TableName;
  description: string;
  columns: ColumnSpec[];
}

const c = (
  name: string,
  type: ColumnType,
  nullable: boolean,
  description: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, type, nullable, description, ...extra });

export const SCHEMA: Record<TableName, TableSpec> = {
  articles: {
    name: 'articles',
    description: 'One row per input article: clean body, title, date, dateline, agency.',
    columns: [
      c('article_id', 'string', false, 'Stable id of the article (derived from its source by the pipeline).'),
      c(
        'source_path',
        'string',
        false,
        'Where the article came from: a file path, or path#record for JSONL/WARC inputs.',
      ),
      c('url', 'string', true, 'The article URL when known (sidecar, WARC header, canonical link).'),
      c('site', 'string', true, 'The publishing site (host name or og:site_name).', { dictionary: true }),
      c('title', 'string', true, 'The headline; null when the capture has none.'),
      c(
        'body',
        'string',
        false,
        'The clean article text: paragraphs separated by a blank line. Offsets in mentions and removed are UTF-16 code units into the text they name.',
      ),
      c(
        'published',
        'string',
        true,
        "Publication date as ISO 8601: 'YYYY-MM-DD', or a date-time with its UTC offset when the source gives a time. Kept as text because sources mix both precisions and a time zone must not be invented; see published_date for a typed date.",
      ),
      c(
        'published_source',
        'string',
        true,
        'Where published came from: dateline, page-timestamp, html-meta, json-ld, byline, url, sidecar or inferred.',
        { dictionary: true },
      ),
      c('weekday', 'string', true, "English weekday name of the publication date (e.g. 'Wednesday').", {
        dictionary: true,
      }),
      c('dateline_place', 'string', true, 'The place named in the dateline, as written.'),
      c('agency', 'string', true, "English canonical name of the news agency credited (e.g. 'Xinhua').", {
        dictionary: true,
      }),
      c('word_count', 'int32', false, 'Number of words in body.'),
      c('content_sha256', 'string', false, 'SHA-256 (hex) of the UTF-8 body.'),
      c('duplicate_of', 'string', true, 'article_id of the first article with the same content, or null.'),
      c('pipeline_version', 'string', false, 'Version of the akhbar pipeline that produced the row.', {
        dictionary: true,
      }),
      c(
        'published_date',
        'date',
        true,
        'Extension: the calendar date of published (its first ten characters), typed as a date.',
        { derived: true },
      ),
      c(
        'entity_ids',
        'list<string>',
        true,
        'Extension: the distinct entity_ids mentioned in the article, sorted; null when not computed.',
      ),
    ],
  },
  mentions: {
    name: 'mentions',
    description: 'One row per entity mention: a span of an article body tied to a canonical entity.',
    columns: [
      c('article_id', 'string', false, 'The article the mention is in.'),
      // Mentions repeat a few thousand entities: dictionary columns skip re-encoding each value.
      c('entity_id', 'string', false, 'Stable id of the canonical entity.', { dictionary: true }),
      c('type', 'string', false, 'PERSON, ORG or LOC.', { dictionary: true }),
      c('surface', 'string', false, 'The mention as written: body.slice(start, end).', { dictionary: true }),
      c('canonical_ar', 'string', false, 'Canonical Arabic name of the entity.', { dictionary: true }),
      c('canonical_en', 'string', false, 'Canonical English name of the entity.', { dictionary: true }),
      c('start', 'int32', false, 'Start offset in body (UTF-16 code units, inclusive).'),
      c('end', 'int32', false, 'End offset in body (UTF-16 code units, exclusive).'),
      c('method', 'string', false, 'How it was found: gazetteer, alias, coref, title, pattern or model.', {
        dictionary: true,
      }),
      c('confidence', 'float64', false, 'Confidence in [0, 1].'),
      c('role', 'string', true, 'Extension: the role of the mention where known (e.g. agency, source).', {
        dictionary: true,
      }),
    ],
  },
  entities: {
    name: 'entities',
    description: 'One row per canonical entity, aggregated from mentions.',
    columns: [
      c('entity_id', 'string', false, 'Stable id of the canonical entity.'),
      c('type', 'string', false, 'PERSON, ORG or LOC.', { dictionary: true }),
      c('canonical_ar', 'string', false, 'Canonical Arabic name.'),
      c('canonical_en', 'string', false, 'Canonical English name.'),
      c('aliases', 'list<string>', false, 'Distinct surfaces met in the data, sorted by code unit.'),
      c('mention_count', 'int64', false, 'Number of mentions.'),
      c('article_count', 'int64', false, 'Number of distinct articles mentioning it.'),
      c(
        'first_published',
        'date',
        true,
        'Earliest publication date among those articles (null if none is dated).',
      ),
      c('last_published', 'date', true, 'Latest publication date among those articles.'),
    ],
  },
  removed: {
    name: 'removed',
    description: 'The audit trail of boilerplate removal: every removed segment with its rule.',
    columns: [
      c('article_id', 'string', false, 'The article the segment was removed from.'),
      c('rule', 'string', false, 'Id of the rule that removed it.', { dictionary: true }),
      c('text', 'string', false, 'The removed text.'),
      c('start', 'int32', false, 'Start offset in the decoded source text (UTF-16 code units).'),
      c('end', 'int32', false, 'End offset in the decoded source text (exclusive).'),
      c('kind', 'string', true, 'Extension: removal kind (share, cookie, breadcrumb, related, ...).', {
        dictionary: true,
      }),
    ],
  },
  errors: {
    name: 'errors',
    description: 'Inputs that could not be processed, with the stage and the reason.',
    columns: [
      c('source_path', 'string', false, 'The input that failed.'),
      c(
        'stage',
        'string',
        false,
        'The stage that failed (ingest, decode, boilerplate, metadata, entities, ...).',
        { dictionary: true },
      ),
      c('message', 'string', false, 'What went wrong and what to do about it.'),
    ],
  },
};

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function tableSpec(name: string): TableSpec {
  if (!isTableName(name)) {
    throw new Error(`Unknown table '${name}': expected one of ${TABLE_NAMES.join(', ')}.`);
  }
  return SCHEMA[name];
}

/** The DuckDB type each logical type reads back as from our Parquet files. */
export const DUCKDB_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int32: 'INTEGER',
  int64: 'BIGINT',
  float64: 'DOUBLE',
  date: 'DATE',
  'list<string>': 'VARCHAR[]',
};
