// Metadata benchmark: seed-sized articles per second on one core, MB/s, peak RSS, and accuracy on the
// constructed fixtures, against chrono-node (the most used JavaScript date parser) in the same run.
// chrono-node has no Arabic locale: it is the peer a JavaScript user would reach for, not an equal one.
// Run: pnpm bench  (from this package or the root)
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { extractMetadata, type MetadataInput } from '../src/index.js';

const root = join(import.meta.dirname, '../../..');
const seeds: MetadataInput[] = readdirSync(join(root, 'fixtures/expected'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(root, 'fixtures/expected', f), 'utf8')))
  .map((o) => ({ body: o.body, ...o.metadata.input }));
const { cases } = JSON.parse(readFileSync(join(root, 'fixtures/metadata/cases.json'), 'utf8')) as {
  cases: Array<{ id: string; input: MetadataInput; expected: { published?: string | null } }>;
};
const seedBytes = seeds.reduce((n, s) => n + Buffer.byteLength(s.body), 0);
const seedChars = seeds.reduce((n, s) => n + s.body.length, 0);

// Warm up (the first calls compile the grammar's regular expressions), then time rounds of 0.25 s and
// report the median round: on a shared machine single rounds swing with the other jobs' load.
function timeLoop(label: string, inputs: MetadataInput[], fn: (i: MetadataInput) => unknown, rounds = 8) {
  const run = (ms: number) => {
    let n = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - t0 < ms) {
      for (const x of inputs) fn(x);
      n += inputs.length;
    }
    const c = process.cpuUsage(c0);
    // Per core = per CPU-second of this process; the wall clock also counts time spent waiting for a core.
    return { perSec: n / ((c.user + c.system) / 1e6), perWallSec: n / ((performance.now() - t0) / 1000) };
  };
  run(500);
  const all = Array.from({ length: rounds }, () => run(250));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return {
    label,
    perSec: median(all.map((r) => r.perSec)),
    perWallSec: median(all.map((r) => r.perWallSec)),
  };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const load = loadavg()[0]!;
const cores = availableParallelism();
console.log(
  '@akhbar/metadata benchmark (one core, Node %s; median of 8 rounds after warm-up)',
  process.version,
);
console.log(
  `machine: ${cores} cores, load average ${load.toFixed(1)}${load > cores ? ' (busy: other jobs compete for the cores and caches, so the figures below are low)' : ''}`,
);
console.log(
  `seed articles: ${seeds.length}, mean ${fmt(seedChars / seeds.length)} chars (${fmt(seedBytes / seeds.length)} UTF-8 bytes)`,
);

const ours = timeLoop('extractMetadata', seeds, (i) => extractMetadata(i));
const mbps = (ours.perSec * (seedBytes / seeds.length)) / 1e6;
console.log(
  `extractMetadata on the seeds:      ${fmt(ours.perSec)} articles/s per core  ${mbps.toFixed(1)} MB/s  (wall clock ${fmt(ours.perWallSec)}/s; target >= 20,000/s per core: ${ours.perSec >= 20_000 ? 'met' : 'NOT met'})`,
);
const caseInputs = cases.map((c) => c.input);
const oursCases = timeLoop('extractMetadata', caseInputs, (i) => extractMetadata(i));
console.log(
  `extractMetadata on ${cases.length} constructed cases: ${fmt(oursCases.perSec)} articles/s per core`,
);

// The peer reads the same text: the body and the page's metadata lines, with the same reference date.
const chronoText = (i: MetadataInput) => [i.body, ...(i.page?.metaLines ?? []).map((l) => l.text)].join('\n');
const peer = timeLoop('chrono-node', seeds, (i) => chrono.parse(chronoText(i)));
console.log(
  `chrono-node parse on the seeds:    ${fmt(peer.perSec)} articles/s per core (wall clock ${fmt(peer.perWallSec)}/s)`,
);

// Accuracy: the publication date of every case whose expected value is a date.
let ok = 0;
let okPeer = 0;
let total = 0;
for (const c of cases) {
  const want = c.expected.published;
  if (typeof want !== 'string') continue;
  total++;
  if (extractMetadata(c.input).published === want) ok++;
  const ref = c.input.fetchedAt ? new Date(c.input.fetchedAt) : undefined;
  const got = chrono.parse(chronoText(c.input), ref)[0]?.start;
  if (got) {
    const iso = `${got.get('year')}-${String(got.get('month')).padStart(2, '0')}-${String(got.get('day')).padStart(2, '0')}`;
    if (want.startsWith(iso)) okPeer++;
  }
}
console.log(
  `publication date right on the constructed cases: akhbar ${ok}/${total}, chrono-node ${okPeer}/${total} (date part only)`,
);
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS: ${rss.toFixed(0)} MB`);
