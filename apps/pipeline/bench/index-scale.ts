// How the run's bookkeeping scales with the number of articles, without processing any: N synthetic
// spool entries (URL identities, content hashes, MinHash signatures, 10% exact and 10% near copies,
// some URLs crawled twice) are added to a Spool and planned (final ids, output order, duplicates)
// exactly as `akhbar run` and `akhbar merge` do once processing ends. Prints time, heap and peak RSS,
// and bytes per entry: the part of a run's memory that grows with the corpus.
//   pnpm --filter @akhbar/pipeline bench:index            # 10,000,000 entries
//   AKHBAR_INDEX_N=1000000 pnpm --filter @akhbar/pipeline bench:index
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planAssembly } from '../src/assemble.js';
import { NUM_HASHES } from '../src/dedupe.js';
import { sha256Hex } from '../src/ids.js';
import { Spool } from '../src/spool.js';

const N = Number(process.env.AKHBAR_INDEX_N ?? 10_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (the package script does)');
const mb = (b: number) => (b / 1048576).toFixed(0);

let x = 1;
const rand = () => {
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  return x;
};

const dir = mkdtempSync(join(tmpdir(), 'akhbar-index-'));
try {
  gc();
  const base = process.memoryUsage();
  const spool = new Spool(join(dir, 'spool.jsonl'));
  const t0 = performance.now();
  const ring: number[][] = [];
  const shas: string[] = [];
  for (let i = 0; i < N; i++) {
    const kind = i % 10;
    let signature: number[];
    let sha: string;
    if (kind === 3 && i > 10) {
      signature = ring[(i - 3) % 16]!;
      sha = shas[(i - 3) % 16]!;
    } else {
      signature = Array.from({ length: NUM_HASHES }, () => rand() >>> 1);
      if (kind === 5 && i > 10) {
        signature = [...ring[(i - 5) % 16]!];
        for (let k = 0; k < 8; k++) signature[(rand() % NUM_HASHES) >>> 0] = rand() >>> 1;
      }
      sha = sha256Hex(String(i));
    }
    ring[i % 16] = signature;
    shas[i % 16] = sha;
    const identity =
      kind === 7 && i % 1000 === 7 ? `https://news.example/a/${i - 1}` : `https://news.example/a/${i}`;
    const published = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const line = `${JSON.stringify({ identity, article: { source_path: `crawl.jsonl#${i + 1}`, content_sha256: sha, published } })}\n`;
    spool.addPacked({
      bytes: Buffer.from(line),
      orphan: null,
      identity,
      inputKey: 'crawl.jsonl',
      contentSha256: sha,
      published,
      signature,
      errors: 0,
      workerError: false,
      timings: {},
    });
  }
  const t1 = performance.now();
  gc();
  const afterPush = process.memoryUsage();
  const plan = planAssembly(spool);
  const t2 = performance.now();
  const afterPlan = process.memoryUsage();
  let dups = 0;
  for (const r of plan.rep) if (r >= 0) dups++;
  const side = statSync(join(dir, 'spool.jsonl.aux')).size + statSync(join(dir, 'spool.jsonl.bands')).size;
  spool.closeQuietly();
  const peak = process.resourceUsage().maxRSS * 1024;
  const perEntry = (afterPush.heapUsed + afterPush.arrayBuffers - base.heapUsed - base.arrayBuffers) / N;
  console.log(`entries: ${N.toLocaleString('en')} (${dups.toLocaleString('en')} duplicates found)`);
  console.log(
    `index: ${((t1 - t0) / 1000).toFixed(1)} s to add, ${perEntry.toFixed(1)} bytes per entry in memory (heap + array buffers), ${mb(side)} MB of side files on disk`,
  );
  console.log(
    `plan (ids, order, duplicates): ${((t2 - t1) / 1000).toFixed(1)} s, heap + buffers after ${mb(afterPlan.heapUsed + afterPlan.arrayBuffers)} MB`,
  );
  console.log(`peak RSS: ${mb(peak)} MB (node ${process.version})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
