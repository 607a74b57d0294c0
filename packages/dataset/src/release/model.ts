import type { TableName } from '../schema.js';
import type { TableFormat } from '../writers.js';

export interface Creator {
  name: string;
  /** 'Person' or 'Organization' (Croissant/schema.org); default Organization. */
  kind?: 'Person' | 'Organization';
  orcid?: string;
  affiliation?: string;
  email?: string;
}

/** One data file of a release. */
export interface ReleaseFile {
  /** Relative to the release folder, '/'-separated: 'data/articles.parquet'. */
  path: string;
  table: TableName;
  format: TableFormat;
  bytes: number;
  sha256: string;
  rows: number;
  /** CSV only: the file starts with a UTF-8 byte order mark. */
  bom?: boolean;
}

export interface ReleaseStats {
  /** Earliest and latest published_date among articles. */
  dateRange: [string, string] | null;
  undated: number;
  duplicates: number;
  sites: Array<[string, number]>;
  agencies: Array<[string, number]>;
  pipelineVersions: string[];
  topEntities: Array<{
    entity_id: string;
    type: string;
    canonical_ar: string;
    canonical_en: string;
    mention_count: number;
    article_count: number;
  }>;
}

export interface ReleaseInfo {
  name: string;
  version: string;
  title: string;
  description: string;
  /** SPDX licence id (e.g. 'CC-BY-4.0'), or 'other'. */
  license: string;
  creators: Creator[];
  /** Release date 'YYYY-MM-DD', only when given: a build never reads the clock. */
  date: string | null;
  homepage: string | null;
  sources: string[];
  files: ReleaseFile[];
  counts: Record<TableName, number>;
  stats: ReleaseStats;
}

/** MIME types of the data formats. */
export const MEDIA_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  jsonl: 'application/jsonl',
};

export const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
export const DATASET_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function checkVersion(version: string): void {
  if (!SEMVER.test(version))
    throw new Error(`Version '${version}' is not X.Y.Z (semantic versioning, e.g. 1.2.0).`);
}

export function checkName(name: string): void {
  if (!DATASET_NAME.test(name)) {
    throw new Error(
      `Dataset name '${name}' is not allowed: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.`,
    );
  }
}

export function bundleName(name: string, version: string): string {
  return `${name}-v${version}.tar.gz`;
}

export function releasePrefix(name: string, version: string): string {
  return `${name}-v${version}`;
}
