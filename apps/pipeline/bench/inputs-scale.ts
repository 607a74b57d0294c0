// How a run's input bookkeeping scales with the number of loose files, without processing any: N
// tiny .txt files (folders of 1,000) go through what `akhbar run` does before and around processing —
// the walks, the manifest written as inputs finish, and on a rerun the previous manifest's table and
// the reuse of records — once as a first run and once as a rerun after 1% of the files were changed,
// 1% deleted and 1% added. Prints time, peak heap and RSS above the baseline, and bytes per file.
//   pnpm --filter @akhbar/pipeline bench:inputs                 # 1,000,000 files
//   AKHBAR_INPUTS_N=200000 pnpm --filter @akhbar/pipeline bench:inputs
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planInputs } from '../src/discover.js';
import { filesToProcess, InputsInFlight, reuseRecords, surveyInputs } from '../src/input-ledger.js';
import { INPUTS_FILE, InputsWriter, type ManifestHeader } from '../src/manifest.js';
import { PreviousInputs } from '../src/previous-inputs.js';

const N = Number(process.env.AKHBAR_INPUTS_N ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (the package script does)');
const mb = (b: number) => (b / 1048576).toFixed(0);
const header: ManifestHeader = { pipeline_version: 'bench', settings: 'bench', shard: null };

const dir = mkdtempSync(join(tmpdir(), 'akhbar-inputs-'));
const corpus = join(dir, 'corpus');
const name = (i: number) => join(corpus, String(Math.floor(i / 1000)).padStart(5, '0'), `${i}.txt`);
const write = (i: number, text: string) => writeFileSync(name(i), text);

type Probe = (label: string) => void;

/**
 * Peak heap and RSS above the baseline over a phase (sampled every 20 ms; includes garbage not yet
 * collected), and what stays after a full GC at the phase's probes: the memory that grows with N.
 */
async function measured<T>(label: string, files: number, phase: (probe: Probe) => Promise<T>): Promise<T> {
  gc!();
  const base = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
    rss = Math.max(rss, m.rss - base.rss);
  };
  const per = (b: number) => `${mb(b)} MB, ${(b / files).toFixed(1)} B/file`;
  const retained: string[] = [];
  const probe: Probe = (at) => {
    sample();
    gc!();
    const m = process.memoryUsage();
    // `external` includes the memory of ArrayBuffers (typed arrays).
    const ext = m.external - base.external;
    retained.push(`  retained ${at}: heap +${per(m.heapUsed - base.heapUsed)}; typed arrays +${per(ext)}`);
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const result = await phase(probe);
  sample();
  clearInterval(timer);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${label}: ${s} s, peak heap +${per(heap)}; peak RSS +${per(rss)}`);
  for (const r of retained) console.log(r);
  return result;
}

/** One run's bookkeeping into `meta`: survey, reuse, second walk; "processing" gives each file a hash. */
async function bookkeeping(meta: string, prevMeta: string | null, probe: Probe) {
  mkdirSync(meta, { recursive: true });
  const sources = planInputs([corpus]);
  const prev = prevMeta ? await PreviousInputs.open(prevMeta, header, meta) : null;
  const survey = await surveyInputs(sources, process.cwd(), undefined, prev);
  probe('after the first walk');
  let reusedRecords = 0;
  if (prev) await reuseRecords(join(prevMeta!, 'records.jsonl'), prev, () => reusedRecords++);
  const manifest = new InputsWriter(join(meta, INPUTS_FILE));
  const inFlight = new InputsInFlight(manifest);
  const records: string[] = [];
  let walked = 0;
  let processed = 0;
  const half = Math.floor(N / 2);
  for await (const f of filesToProcess(sources, process.cwd(), undefined, prev, manifest, () => {
    if (++walked === half) probe('half way through the second walk');
  })) {
    inFlight.start(f);
    inFlight.submitted(f.display);
    inFlight.result(f.display, String(processed).padStart(64, '0'), false);
    inFlight.walked(f.display);
    records.push(`${JSON.stringify({ inputKey: f.display, identity: f.rel })}\n`);
    if (records.length === 1000) appendFileSync(join(meta, 'records.jsonl'), records.splice(0).join(''));
    processed++;
  }
  appendFileSync(join(meta, 'records.jsonl'), records.join(''));
  manifest.close(header);
  prev?.close();
  return { ...survey, reusedRecords, processed, manifestLines: manifest.count };
}

try {
  let t0 = performance.now();
  for (let i = 0; i < N; i++) {
    if (i % 1000 === 0) mkdirSync(join(corpus, String(i / 1000).padStart(5, '0')), { recursive: true });
    write(i, `خبر رقم ${i}\n`);
  }
  console.log(`${N} files written in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);
  const first = await measured('first run', N, (probe) => bookkeeping(join(dir, 'run1'), null, probe));
  console.log(`  ${JSON.stringify(first)}`);
  // 1% changed (new size), 1% deleted, 1% added.
  t0 = performance.now();
  for (let i = 0; i < N; i += 100) write(i, `خبر رقم ${i} بعد التعديل\n`);
  for (let i = 1; i < N; i += 100) rmSync(name(i));
  for (let i = N; i < N + N / 100; i++) {
    if (i % 1000 === 0) mkdirSync(join(corpus, String(i / 1000).padStart(5, '0')), { recursive: true });
    write(i, `خبر جديد ${i}\n`);
  }
  console.log(`1% changed, deleted and added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const again = await measured('rerun', N, (probe) =>
    bookkeeping(join(dir, 'run2'), join(dir, 'run1'), probe),
  );
  console.log(`  ${JSON.stringify(again)}`);
  console.log(`peak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
