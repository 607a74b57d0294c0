// Row shapes of the data contract (../shared/DESIGN.md), column names exactly as published.
export interface ArticleRow {
  article_id: string;
  source_path: string;
  url: string | null;
  site: string | null;
  title: string | null;
  body: string;
  published: string | null;
  published_source: string | null;
  weekday: string | null;
  dateline_place: string | null;
  agency: string | null;
  word_count: number;
  content_sha256: string;
  duplicate_of: string | null;
  pipeline_version: string;
}
export interface MentionRow {
  article_id: string;
  entity_id: string;
  type: string;
  surface: string;
  canonical_ar: string;
  canonical_en: string;
  start: number;
  end: number;
  method: string;
  confidence: number;
}
export interface RemovedRow {
  article_id: string;
  rule: string;
  text: string;
  start: number;
  end: number;
}
export interface ErrorRow {
  source_path: string;
  stage: string;
  message: string;
}

export const TABLES = ['articles', 'mentions', 'entities', 'removed', 'errors'] as const;
export type TableName = (typeof TABLES)[number];
export type Format = 'csv' | 'parquet' | 'jsonl';
export const FORMATS: Format[] = ['csv', 'parquet', 'jsonl'];

/** One processed input record: what a worker returns and what the spool stores. */
export interface RecordResult {
  /** Identity used for article_id: the URL, else the source path relative to the input root. */
  identity: string;
  /** Manifest key of the input file this record came from. */
  inputKey: string;
  article: ArticleRow | null;
  mentions: MentionRow[];
  removed: RemovedRow[];
  errors: ErrorRow[];
  signature: number[] | null;
  /** sha256 of the input file's bytes, when the worker read a whole file. */
  inputSha256?: string;
  /** Milliseconds per stage, for the benchmark and the summary. */
  timings: Record<string, number>;
}
