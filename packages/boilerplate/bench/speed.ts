// `pnpm bench:speed`: stripText and stripHtml time per article on the synthetic corpus of the pipeline
// benchmark (apps/pipeline/bench/synthetic.ts): the cached copy in /tmp/akhbar-bench when it is there
// (read-only), else generated into a temporary folder. CPU time of this process, median of the rounds
// after a warm-up pass: on a shared machine the wall clock also counts waiting for a core.
//   BENCH_TEXT_DIR, BENCH_HTML_DIR: other folders of .txt / .html files; BENCH_ROUNDS (default 7);
//   BENCH_HTML (pages, default 200).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../../../apps/pipeline/bench/synthetic.js';
import { stripHtml, stripText } from '../src/index.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);
const htmlCount = Number(process.env['BENCH_HTML'] ?? 200);

function corpus(kind: 'text' | 'html', cached: string, count: number): string[] {
  let dir = process.env[kind === 'text' ? 'BENCH_TEXT_DIR' : 'BENCH_HTML_DIR'] ?? cached;
  let temp: string | undefined;
  if (!existsSync(dir)) {
    temp = mkdtempSync(join(tmpdir(), 'akhbar-boilerplate-bench-'));
    generateCorpus({ dir: temp, count, kind });
    dir = join(temp, '0000');
  }
  const ext = kind === 'text' ? '.txt' : '.html';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .slice(0, count);
  const out = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  if (temp) rmSync(temp, { recursive: true, force: true });
  console.log(`${kind}: ${out.length} files from ${temp ? 'a freshly generated corpus' : dir}`);
  return out;
}

function time(label: string, docs: string[], fn: (d: string) => unknown): void {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  for (const d of docs) fn(d); // warm-up
  const us: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (const d of docs) fn(d);
    const c = process.cpuUsage(c0);
    us.push((c.user + c.system) / docs.length);
  }
  us.sort((a, b) => a - b);
  const median = us[us.length >> 1]!;
  const mbs = bytes / docs.length / median; // bytes per µs = MB/s
  console.log(
    `${label}: ${median.toFixed(1)} µs/article (min ${us[0]!.toFixed(1)}, max ${us.at(-1)!.toFixed(1)}), ${mbs.toFixed(1)} MB/s, ${(1e6 / median).toFixed(0)} articles/s per core; mean ${(bytes / docs.length / 1000).toFixed(1)} KB`,
  );
}

console.log(
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}, ${rounds} rounds (median of CPU time)`,
);
const texts = corpus('text', '/tmp/akhbar-bench/text-20000-v2/0000', 1000);
const pages = corpus('html', '/tmp/akhbar-bench/html-10000-v2/0000', htmlCount);
time('stripText', texts, (t) => stripText(t));
time('stripHtml', pages, (p) => stripHtml(p));
