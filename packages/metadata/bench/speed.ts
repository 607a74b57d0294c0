// `pnpm bench:speed`: extractMetadata time per article on the synthetic text captures of the pipeline
// benchmark (apps/pipeline/bench/synthetic.ts), given about as the boilerplate stage hands them on (headline
// as a title candidate, the share line gone, paragraphs joined by blank lines: stripText's own output for
// 799 of the first 1,000; this package does not depend on @akhbar/boilerplate). Reads the cached copy in
// /tmp/akhbar-bench when it is there (read-only), else generates one into a temporary folder. CPU time of
// this process, median of the rounds after a warm-up pass.  BENCH_TEXT_DIR, BENCH_ROUNDS (default 7).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../../../apps/pipeline/bench/synthetic.js';
import { extractMetadata, type MetadataInput } from '../src/index.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);

function captures(): string[] {
  let dir = process.env['BENCH_TEXT_DIR'] ?? '/tmp/akhbar-bench/text-20000-v2/0000';
  let temp: string | undefined;
  if (!existsSync(dir)) {
    temp = mkdtempSync(join(tmpdir(), 'akhbar-metadata-bench-'));
    generateCorpus({ dir: temp, count: 1000, kind: 'text' });
    dir = join(temp, '0000');
  }
  const out = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  if (temp) rmSync(temp, { recursive: true, force: true });
  console.log(`${out.length} text captures from ${temp ? 'a freshly generated corpus' : dir}`);
  return out;
}

/** A synthetic capture about as stripText returns it: the first line is the headline, the last the share bar. */
function asStripped(capture: string): MetadataInput {
  const lines = capture
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const headline = lines.shift()!;
  if (lines.at(-1) === 'مشاركة :') lines.pop();
  return {
    body: lines.join('\n\n'),
    titleCandidates: [{ text: headline, source: 'text-headline' }],
    page: { metaLines: [] },
  };
}

const inputs = captures().map(asStripped);
const bytes = inputs.reduce((n, i) => n + Buffer.byteLength(i.body), 0);
for (const i of inputs) extractMetadata(i); // warm-up
const us: number[] = [];
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  for (const i of inputs) extractMetadata(i);
  const c = process.cpuUsage(c0);
  us.push((c.user + c.system) / inputs.length);
}
us.sort((a, b) => a - b);
const median = us[us.length >> 1]!;
console.log(
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}, ${rounds} rounds (median of CPU time)`,
);
console.log(
  `extractMetadata: ${median.toFixed(1)} µs/article (min ${us[0]!.toFixed(1)}, max ${us.at(-1)!.toFixed(1)}), ${(bytes / inputs.length / median).toFixed(1)} MB/s, ${(1e6 / median).toFixed(0)} articles/s per core; mean body ${(bytes / inputs.length / 1000).toFixed(1)} KB`,
);
