/**
 * The stored form of the metadata snapshot (test/fixtures/metadata-snapshot.json.gz): inputs and the output
 * extractMetadata gave them when the snapshot was made. Written by test/make-metadata-snapshot.ts, read by
 * test/metadata-snapshot.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ArticleMetadata, MetadataInput } from '../src/index.js';

export interface MetadataSnapshot {
  description: string;
  madeWith: string;
  why: string;
  /** Each input next to its output. */
  cases: Array<{ input: MetadataInput; output: ArticleMetadata }>;
}

export const SNAPSHOT_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'metadata-snapshot.json.gz',
);

export function readSnapshot(): MetadataSnapshot {
  return JSON.parse(gunzipSync(readFileSync(SNAPSHOT_FILE)).toString('utf8')) as MetadataSnapshot;
}
