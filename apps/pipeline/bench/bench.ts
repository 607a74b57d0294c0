// End-to-end benchmark of `akhbar run` on a deterministic synthetic corpus (bench/synthetic.ts):
// text captures (from the seeds, and from real newswire sentences, see NEWS_N) and 50-150 KB HTML
// pages, with 1 worker and with all cores. Prints articles/s,
// MB/s, peak RSS and time per stage. Scale with AKHBAR_BENCH_N (default 100000 per corpus) and
// AKHBAR_BENCH_HTML_N (default AKHBAR_BENCH_N); AKHBAR_BENCH_JSONL_N (default 0) adds one run on all
// cores over that many text captures as JSONL records. Corpora are cached in the OS temp folder. The peer
// (bench/peer.ts: Readability + jsdom) runs on the first AKHBAR_BENCH_PEER_N HTML pages (default 1000).
//   pnpm bench                         # the full run (100,000 + 100,000)
//   AKHBAR_BENCH_N=5000 pnpm bench     # a quick run while developing
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateCorpus, newswireCorpusSentences, newswireSource } from './synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));
const app = existsSync(join(here, '../dist/cli.js')) ? resolve(here, '..') : resolve(here, '../..');
const cliPath = join(app, 'dist/cli.js');
if (!existsSync(cliPath))
  throw new Error(`${cliPath} missing: run pnpm turbo run build --filter=@akhbar/pipeline... first`);

const N = Number(process.env.AKHBAR_BENCH_N ?? 100_000);
const HTML_N = Number(process.env.AKHBAR_BENCH_HTML_N ?? N);
// Optional scale run: the text captures as JSONL records (a crawl's usual container), e.g. 1,000,000.
const JSONL_N = Number(process.env.AKHBAR_BENCH_JSONL_N ?? 0);
// The text captures again with real newswire vocabulary (AKHBAR_BENCH_NEWS_N, default AKHBAR_BENCH_N):
// the seeds give the synthetic corpus a few thousand distinct words and 50 entities, where a real
// crawl has tens of thousands of words and many names no gazetteer lists, which cost the entity
// tagger far more (its word cache, name discovery). Same layout and furniture, sentences from
// ANERcorp's training split (2007 Arabic newswire, CC BY-SA 4.0), read at benchmark time from
// ../shared/benchmarks beside the repository (or AKHBAR_BENCH_NEWS_SOURCE) and never committed;
// skipped when it is not there.
const NEWS_N = Number(process.env.AKHBAR_BENCH_NEWS_N ?? N);
const NEWS_SOURCE = newswireSource();
const cores = availableParallelism();
const root = join(tmpdir(), 'akhbar-bench');

type Kind = 'text' | 'html' | 'jsonl' | 'news';

function corpus(kind: Kind, count: number): { dir: string; bytes: number } {
  const dir = join(root, `${kind}-${count}-v${GENERATOR_VERSION}`);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker))
    return { dir, bytes: (JSON.parse(readFileSync(marker, 'utf8')) as { bytes: number }).bytes };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const info =
    kind === 'news'
      ? generateCorpus({
          dir,
          count,
          kind: 'text',
          sentences: newswireCorpusSentences(NEWS_SOURCE),
        })
      : generateCorpus({ dir, count, kind });
  writeFileSync(marker, JSON.stringify(info));
  console.log(
    `generated ${count} ${kind} inputs (${(info.bytes / 1048576).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`,
  );
  return { dir, bytes: info.bytes };
}

/**
 * Read every file of a corpus once before its timed runs. Without it the first run (the pinned one)
 * often found the corpus gone from the page cache after the other corpora's runs, and waited on the
 * disk: 0.87-0.92 cores busy, and a speed-up over one core above 2.
 */
function warmPageCache(dir: string): void {
  const t = performance.now();
  let bytes = 0;
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) bytes += readFileSync(p).length;
    }
  };
  visit(dir);
  console.log(
    `read ${(bytes / 1048576).toFixed(0)} MB of ${dir} into the page cache in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

interface Summary {
  articles: number;
  records: number;
  bytes: number;
  elapsedMs: number;
  peakRssMb: number;
  peakRssMbProcessing: number;
  timings: Record<string, number>;
  cpuMs: { discover: number; process: number; assemble: number };
}

// 1 worker also runs pinned to one core (taskset), unless AKHBAR_BENCH_PIN=0: unpinned, its main
// thread, assembly threads and V8's GC threads already use the second core, so the speed-up from 1 to
// 2 workers understates how the pipeline scales with cores.
const PIN =
  process.env.AKHBAR_BENCH_PIN !== '0' && cores > 1 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

// Opt-in (AKHBAR_BENCH_EACH_FORMAT=1): the text corpus again on all cores, writing one format at a
// time, to show what the output formats cost against the all-formats run of the same benchmark.
const EACH_FORMAT = process.env.AKHBAR_BENCH_EACH_FORMAT === '1';

function runOnce(dir: string, workers: number, pinned = false, format?: string): Summary {
  const out = join(root, `out-${process.pid}`);
  const summaryFile = join(root, `summary-${process.pid}.json`);
  const r = spawnSync(
    pinned ? 'taskset' : process.execPath,
    [
      ...(pinned ? ['-c', '0', process.execPath] : []),
      cliPath,
      'run',
      dir,
      '--out',
      out,
      '--workers',
      String(workers),
      '--force',
      '--progress',
      'none',
      '--summary-json',
      summaryFile,
      ...(format ? ['--formats', format] : []),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`akhbar run failed: ${r.stderr}`);
  const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  rmSync(out, { recursive: true, force: true });
  rmSync(summaryFile, { force: true });
  return s;
}

const rows: string[][] = [];
const fmt = (n: number, d = 0) => n.toFixed(d);
const hasNews = existsSync(NEWS_SOURCE);
if (NEWS_N > 0 && !hasNews) console.log(`no ${NEWS_SOURCE}: the newswire-vocabulary text run is skipped`);
for (const [kind, count] of [
  ['text', N],
  ['news', hasNews ? NEWS_N : 0],
  ['html', HTML_N],
  ['jsonl', JSONL_N],
] as Array<[Kind, number]>) {
  if (count <= 0) continue;
  const c = corpus(kind, count);
  warmPageCache(c.dir);
  let base = 0;
  let oneCore = 0;
  // The scale run (millions of records) runs once, on all cores.
  const runs: Array<[number, boolean, string?]> =
    kind === 'jsonl'
      ? [[cores, false]]
      : kind === 'news'
        ? [
            [1, false],
            [cores, false],
          ]
        : [
            ...(PIN ? [[1, true] as [number, boolean]] : []),
            [1, false],
            [cores, false],
            ...(kind === 'text' && EACH_FORMAT
              ? ['csv', 'parquet', 'jsonl'].map((f) => [cores, false, f] as [number, boolean, string])
              : []),
          ];
  for (const [workers, pinned, format] of runs) {
    const s = runOnce(c.dir, workers, pinned, format);
    const secs = s.elapsedMs / 1000;
    const rate = s.articles / secs;
    if (pinned) oneCore = rate;
    else if (workers === 1) base = rate;
    const label = pinned ? '1, pinned to 1 core' : format ? `${workers}, ${format} only` : String(workers);
    const t = s.timings;
    const stageSum = (k: string) => (t[`stage.${k}`] ?? 0) / 1000;
    // CPU per article and cores busy, per phase: what a target rate leaves room for is
    // cores x 1,000,000 / rate microseconds of CPU per article.
    const phaseCpu = (cpu: number, wallMs: number) =>
      `${fmt((1000 * cpu) / Math.max(1, s.articles))} us (${fmt(cpu / Math.max(1, wallMs), 2)} cores)`;
    const cpu = `processing ${phaseCpu(s.cpuMs.process, t.process ?? 0)}; writing ${phaseCpu(s.cpuMs.assemble, t.assemble ?? 0)}`;
    const speedup =
      pinned || format
        ? ''
        : workers === 1
          ? '1.00'
          : base
            ? `${fmt(rate / base, 2)}${oneCore ? ` (${fmt(rate / oneCore, 2)} over 1 core)` : ''}`
            : '';
    rows.push([
      kind,
      String(count),
      label,
      fmt(secs, 1),
      fmt(rate),
      fmt(s.bytes / 1048576 / secs, 1),
      `${fmt(s.peakRssMb)} (${fmt(s.peakRssMbProcessing)})`,
      speedup,
      cpu,
      `decode ${fmt(stageSum('decode'), 1)}; strip ${fmt(stageSum('boilerplate'), 1)}; meta ${fmt(stageSum('metadata'), 1)}; entities ${fmt(stageSum('entities'), 1)}; rows+dedupe ${fmt(stageSum('rows'), 1)}; assemble/write ${fmt((t.assemble ?? 0) / 1000, 1)} (plan ${fmt((t.plan ?? 0) / 1000, 1)})`,
    ]);
    console.log(
      `${kind} x${count}, ${workers} worker(s)${pinned ? ' pinned to 1 core' : ''}${format ? `, ${format} only` : ''}: ${fmt(rate)} articles/s, ${fmt(s.peakRssMb)} MB peak RSS`,
    );
  }
}
// The peer, in the same run: Readability + jsdom on the first pages of the same HTML corpus.
const PEER_N = Math.min(HTML_N, Number(process.env.AKHBAR_BENCH_PEER_N ?? 1000));
let peerLine = '';
if (PEER_N > 0) {
  const c = corpus('html', HTML_N);
  const outFile = join(root, `peer-${process.pid}.jsonl`);
  const r = spawnSync(process.execPath, [join(here, 'peer.mjs'), c.dir, String(PEER_N), outFile], {
    encoding: 'utf8',
  });
  rmSync(outFile, { force: true });
  if (r.status !== 0) throw new Error(`peer failed: ${r.stderr}`);
  const p = JSON.parse(r.stdout) as {
    pages: number;
    extracted: number;
    bytes: number;
    seconds: number;
    peakRssMb: number;
  };
  const rate = p.pages / p.seconds;
  const ours = rows
    .filter((row) => row[0] === 'html' && !row[2]!.includes('pinned'))
    .map((row) => Number(row[4]));
  peerLine =
    `peer: @mozilla/readability 0.6 + jsdom 26, extraction only, 1 thread, first ${p.pages} pages of the same HTML corpus: ` +
    `${fmt(rate, 1)} pages/s, ${fmt(p.bytes / 1048576 / p.seconds, 1)} MB/s, peak RSS ${fmt(p.peakRssMb)} MB ` +
    `(akhbar end to end: ${ours.map((x) => `${fmt(x / rate, 1)}x`).join(' / ')} its pages/s with 1 / ${cores} workers)`;
  console.log(peerLine);
}

const head = [
  'corpus',
  'inputs',
  'workers',
  'seconds',
  'articles/s',
  'MB/s',
  'peak RSS MB (when processing ended)',
  'speed-up',
  'CPU per article (cores busy), all threads',
  'stage seconds (summed over workers; assemble is wall time, and includes planning ids, order and duplicates)',
];
console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (peerLine) console.log(`\n${peerLine}`);
console.log(
  `\nnode ${process.version}, ${cores} cores, AKHBAR_BENCH_N=${N} AKHBAR_BENCH_NEWS_N=${hasNews ? NEWS_N : 0} AKHBAR_BENCH_HTML_N=${HTML_N} AKHBAR_BENCH_JSONL_N=${JSONL_N} AKHBAR_BENCH_PEER_N=${PEER_N}${EACH_FORMAT ? ' AKHBAR_BENCH_EACH_FORMAT=1' : ''}`,
);
