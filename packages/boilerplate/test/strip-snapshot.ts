/**
 * The stored form of the strip snapshot (test/fixtures/strip-snapshot.json.gz): inputs and the outputs the
 * code gave them when the snapshot was made. Written by test/make-strip-snapshot.ts, read by
 * test/strip-snapshot.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { StripResult } from '../src/index.js';

export interface StripSnapshot {
  description: string;
  madeWith: string;
  why: string;
  /** Each input next to its output, so that gzip finds the body's text in the input just before it. */
  texts: Array<{ text: string; result: Omit<StripResult, 'source'> }>;
  /** stripHtml(bytes of page, { contentType }). */
  pages: Array<{ page: PageInput; result: StripResult }>;
}

/** A page as stored: its text when the bytes are UTF-8 (gzip packs text far better than base64), else base64. */
export interface PageInput {
  name: string;
  html?: string;
  base64?: string;
  contentType?: string;
}

/** The bytes of a stored page. */
export function pageBytes(p: PageInput): Uint8Array {
  return new Uint8Array(p.html !== undefined ? Buffer.from(p.html) : Buffer.from(p.base64!, 'base64'));
}

export const SNAPSHOT_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'strip-snapshot.json.gz',
);

export function readSnapshot(): StripSnapshot {
  return JSON.parse(gunzipSync(readFileSync(SNAPSHOT_FILE)).toString('utf8')) as StripSnapshot;
}

/** stripText's result without `source` (always the input itself), fields in stripText's order. */
export function textResult(r: StripResult): Omit<StripResult, 'source'> {
  const { source: _source, ...rest } = r;
  return rest;
}
