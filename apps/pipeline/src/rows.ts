// Row shapes are the data contract owned by @akhbar/dataset; the app only adds its record envelope.
import type { ArticleRow, ErrorRow, MentionRow, RemovedRow } from '@akhbar/dataset';
// The subpath, not the package: processing workers import this module and need not load Arrow and Parquet.
import { compareCodeUnits } from '@akhbar/dataset/order';
import type { MentionColumns } from './mention-columns.js';

export type { ArticleRow, ErrorRow, MentionRow, RemovedRow };

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
  /** The mentions packed as columns (mentions is then empty): how workers spool them. */
  mentionColumns?: MentionColumns;
  removed: RemovedRow[];
  errors: ErrorRow[];
  signature: number[] | null;
  /** sha256 of the input file's bytes, when the worker read a whole file. */
  inputSha256?: string;
  /** Milliseconds per stage, for the benchmark and the summary. */
  timings: Record<string, number>;
}

/** The order of the errors table: by source, then stage, then message. */
export function errorOrder(a: ErrorRow, b: ErrorRow): number {
  return (
    compareCodeUnits(a.source_path, b.source_path) ||
    compareCodeUnits(a.stage, b.stage) ||
    compareCodeUnits(a.message, b.message)
  );
}
