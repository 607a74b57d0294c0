/**
 * Writes test/fixtures/metadata-snapshot.json.gz: the inputs of snapshot-inputs.ts, plus what stripText and
 * stripHtml hand on (body, titleCandidates, page) for the inputs of @akhbar/boilerplate's strip snapshot
 * (read from its fixture file, bodies under 100 KB), with what extractMetadata gives them now. Run it only
 * when a change of output is intended, and say why in the commit:
 *   pnpm exec tsx --conditions=source test/make-metadata-snapshot.ts "<why>"
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { extractMetadata, type MetadataInput } from '../src/index.js';
import { type MetadataSnapshot, SNAPSHOT_FILE } from './metadata-snapshot.js';
import { fixtureInputs, generatedInputs, hostileInputs } from './snapshot-inputs.js';

const why = process.argv[2];
if (!why) throw new Error('say why the snapshot is remade: make-metadata-snapshot.ts "<why>"');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();

interface Stripped {
  body: string;
  titleCandidates: MetadataInput['titleCandidates'];
  page: MetadataInput['page'];
}
const strip = JSON.parse(
  gunzipSync(
    readFileSync(join(import.meta.dirname, '../../boilerplate/test/fixtures/strip-snapshot.json.gz')),
  ).toString('utf8'),
) as { texts: Array<{ result: Stripped }>; pages: Array<{ page: { name: string }; result: Stripped }> };
const FETCHED = [undefined, '2025-07-10T09:00:00Z', '2021-03-25'];
const stripped: MetadataInput[] = [...strip.texts, ...strip.pages]
  .map(({ result }, i) => {
    const input: MetadataInput = {
      body: result.body,
      titleCandidates: result.titleCandidates,
      page: result.page,
    };
    const fetched = FETCHED[i % FETCHED.length];
    if (fetched !== undefined) input.fetchedAt = fetched;
    return input;
  })
  .filter((x) => x.body.length < 100_000);

const fixtures = fixtureInputs();
const inputs = [
  ...fixtures,
  ...stripped,
  ...generatedInputs([...fixtures, ...stripped].map((x) => x.body)),
  ...hostileInputs(fixtures.map((x) => x.body)),
];
const snapshot: MetadataSnapshot = {
  description:
    "Differential snapshot of @akhbar/metadata: extractMetadata(input) for each input as the code gave it when it was made. Inputs: the expected fixtures and constructed cases, what stripText/stripHtml hand on for @akhbar/boilerplate's strip snapshot inputs, generated articles (datelines, weekday cues, credits, page lines, JSON-LD, sidecars, URLs) and hostile input (see test/snapshot-inputs.ts). test/metadata-snapshot.test.ts requires the same output, byte for byte (JSON), from the current code.",
  madeWith: `src of commit ${commit}${dirty ? ' with uncommitted changes' : ''}`,
  why,
  cases: inputs.map((input) => ({ input, output: extractMetadata(input) })),
};
mkdirSync(dirname(SNAPSHOT_FILE), { recursive: true });
const gz = gzipSync(JSON.stringify(snapshot), { level: 9 });
writeFileSync(SNAPSHOT_FILE, gz);
console.log(`${inputs.length} inputs, ${(gz.length / 1024).toFixed(0)} KB gzipped`);
