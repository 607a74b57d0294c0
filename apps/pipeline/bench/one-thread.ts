// What an article costs on one thread, warm, step by step: processing (processTask), packing its
// spool line as a worker does (mention columns, JSON, UTF-8), and writing it as an assembly thread
// does (writeRange), in each format alone and in all three. No pool, no second thread, no disk cache
// misses: the floor under the pipeline's CPU per article, and a low-noise way to see whether a change
// to one step helps (the whole run's figures move by several percent from one run to the next here).
//   pnpm --filter @akhbar/pipeline bench:one-thread                 # 4,096 text captures, 7 passes
//   AKHBAR_ONE_N=2048 AKHBAR_ONE_PASSES=5 pnpm --filter @akhbar/pipeline bench:one-thread
//   AKHBAR_ONE_NEWS=1 pnpm --filter @akhbar/pipeline bench:one-thread   # newswire vocabulary (bench.ts)
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withMentionColumns } from '../src/mention-columns.js';
import { processTask, type Task } from '../src/process.js';
import type { Format } from '../src/rows.js';
import { PIPELINE_VERSION } from '../src/run.js';
import { BatchPacker } from '../src/spool.js';
import { HEAD, RANGE_TABLES, writeRange } from '../src/write-range.js';
import { generateCorpus, newswireCorpusSentences } from './synthetic.js';

const N = Number(process.env.AKHBAR_ONE_N ?? 4096);
const PASSES = Number(process.env.AKHBAR_ONE_PASSES ?? 7);
const BATCH = 32;
// The captures with real newswire vocabulary instead of the seeds' (see NEWS_N in bench.ts).
const NEWS = process.env.AKHBAR_ONE_NEWS === '1';

/** Median and minimum of the passes after the first (warm-up), in us per article. */
function timed(label: string, pass: () => void | Promise<void>): Promise<[string, number, number]> {
  return (async () => {
    const us: number[] = [];
    for (let p = 0; p < PASSES; p++) {
      const t = performance.now();
      await pass();
      if (p > 0) us.push((1000 * (performance.now() - t)) / N);
    }
    us.sort((a, b) => a - b);
    return [label, us[Math.floor(us.length / 2)] as number, us[0] as number];
  })();
}

const root = mkdtempSync(join(tmpdir(), 'akhbar-one-thread-'));
try {
  const corpus = join(root, 'corpus');
  generateCorpus({
    dir: corpus,
    count: N,
    kind: 'text',
    sentences: NEWS ? newswireCorpusSentences() : undefined,
  });
  const files: string[] = [];
  for (const d of readdirSync(corpus).sort())
    for (const f of readdirSync(join(corpus, d)).sort()) files.push(join(corpus, d, f));
  const tasks: Task[] = files.map((path) => ({
    sourcePath: path,
    identity: path,
    inputKey: path,
    kind: 'text',
    path,
  }));
  const opts = { pipelineVersion: PIPELINE_VERSION, maxBytes: 16 << 20 };
  const rows: Array<[string, number, number]> = [];

  rows.push(
    await timed('processing (processTask)', () => {
      for (const t of tasks) processTask(t, opts);
    }),
  );
  const pack = (keep?: Uint8Array[]) => {
    for (let i = 0; i < tasks.length; i += BATCH) {
      const packer = new BatchPacker();
      for (const t of tasks.slice(i, i + BATCH)) packer.add(withMentionColumns(processTask(t, opts)));
      const packed = packer.finish();
      if (keep) for (const p of packed) if (p.bytes) keep.push(Buffer.from(p.bytes));
    }
  };
  rows.push(await timed('processing + packing the spool line', () => pack()));
  // The spool lines, for the writing passes below (copied out of the packer's reused buffer).
  const lines: Uint8Array[] = [];
  pack(lines);
  const packing = (rows[1] as [string, number, number])[1] - (rows[0] as [string, number, number])[1];

  const spoolPath = join(root, 'spool.jsonl');
  const fd = openSync(spoolPath, 'w');
  const offsets = new Float64Array(lines.length);
  const lengths = new Float64Array(lines.length);
  let at = 0;
  lines.forEach((line, k) => {
    offsets[k] = at;
    lengths[k] = line.length;
    for (let done = 0; done < line.length; ) done += writeSync(fd, line, done);
    at += line.length;
  });
  closeSync(fd);
  // Any fixed order will do: the writing threads read records in article-id order, all over the spool.
  const ids = lines.map((_, k) => k.toString(16).padStart(16, '0'));
  const write = (formats: Format[]) => async () => {
    const dir = mkdtempSync(join(root, 'out-'));
    const joined: Record<string, Record<string, string>> = {};
    for (const t of RANGE_TABLES) joined[t] = { csv: join(dir, `${t}.csv`), jsonl: join(dir, `${t}.jsonl`) };
    const turn = new Int32Array(new SharedArrayBuffer(4));
    turn[0] = HEAD;
    await writeRange({
      spoolPath,
      dir: join(dir, 'piece'),
      formats,
      bom: false,
      offsets,
      lengths,
      ids,
      duplicateOf: ids.map(() => null),
      first: true,
      joined,
      turn,
    });
    rmSync(dir, { recursive: true, force: true });
  };
  const writing: Array<[string, Format[]]> = [
    ['writing: CSV alone', ['csv']],
    ['writing: JSONL alone', ['jsonl']],
    ['writing: Parquet alone', ['parquet']],
    ['writing: all three formats', ['csv', 'parquet', 'jsonl']],
  ];
  for (const [label, formats] of writing) rows.push(await timed(label, write(formats)));

  console.log(
    `akhbar one-thread costs: ${N} synthetic text captures${NEWS ? ' (newswire vocabulary)' : ''}, ${PASSES - 1} timed passes after a warm-up`,
  );
  console.log('| step | us per article, median | fastest pass |');
  console.log('|---|---|---|');
  for (const [label, median, min] of rows)
    console.log(`| ${label} | ${median.toFixed(1)} | ${min.toFixed(1)} |`);
  console.log(`| (packing alone, the difference) | ${packing.toFixed(1)} | |`);
  const all = (rows[5] as [string, number, number])[1];
  const total = (rows[1] as [string, number, number])[1] + all;
  console.log(
    `\nProcessing, packing and writing all formats: ${total.toFixed(0)} us per article on one thread, so at best ` +
      `${Math.round(2e6 / total)} articles/s on 2 cores with no overhead at all.`,
  );
  console.log(`node ${process.version}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
