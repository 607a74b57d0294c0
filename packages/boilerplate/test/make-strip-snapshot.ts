/**
 * Writes test/fixtures/strip-snapshot.json.gz: the inputs of snapshot-inputs.ts, 200 synthetic text
 * captures and 6 synthetic HTML pages (apps/pipeline/bench/synthetic.ts, seed 1), with what stripText and
 * stripHtml give them now. Run it only when a change of output is intended, and say why in the commit:
 *   pnpm exec tsx --conditions=source test/make-strip-snapshot.ts "<why>"
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateCorpus } from '../../../apps/pipeline/bench/synthetic.js';
import { stripHtml, stripText } from '../src/index.js';
import { fixturePages, hostilePages, snapshotTexts } from './snapshot-inputs.js';
import {
  type PageInput,
  pageBytes,
  SNAPSHOT_FILE,
  type StripSnapshot,
  textResult,
} from './strip-snapshot.js';

const why = process.argv[2];
if (!why) throw new Error('say why the snapshot is remade: make-strip-snapshot.ts "<why>"');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();

function synthetic(kind: 'text' | 'html', count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-strip-snapshot-'));
  try {
    generateCorpus({ dir, count, kind });
    const sub = join(dir, '0000');
    return readdirSync(sub)
      .sort()
      .map((f) => readFileSync(join(sub, f), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const texts = snapshotTexts(synthetic('text', 200));
const pages = [
  ...fixturePages(),
  ...synthetic('html', 6).map((html, i): PageInput => ({ name: `synthetic-${i}.html`, html })),
  ...hostilePages(),
];
const snapshot: StripSnapshot = {
  description:
    'Differential snapshot of @akhbar/boilerplate: stripText(text) (without `source`, which is the input) and stripHtml(bytes of page, { contentType }) as the code gave them when it was made. Inputs: fixture captures and bodies, generated furniture mixes, 200 synthetic captures and 6 synthetic pages (apps/pipeline/bench/synthetic.ts), hostile input (see test/snapshot-inputs.ts). test/strip-snapshot.test.ts requires the same output, byte for byte (JSON), from the current code.',
  madeWith: `src of commit ${commit}${dirty ? ' with uncommitted changes' : ''}`,
  why,
  texts: texts.map((text) => ({ text, result: textResult(stripText(text)) })),
  pages: pages.map((page) => ({
    page,
    result: stripHtml(pageBytes(page), { contentType: page.contentType }),
  })),
};
const gz = gzipSync(JSON.stringify(snapshot), { level: 9 });
writeFileSync(SNAPSHOT_FILE, gz);
console.log(`${texts.length} texts, ${pages.length} pages, ${(gz.length / 1024).toFixed(0)} KB gzipped`);
