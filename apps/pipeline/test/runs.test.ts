// Run-level behaviour through the built CLI: determinism across worker counts, incremental reruns
// and --force, shards merged into the same dataset as a single run, and an interrupted run leaving
// the previous outputs intact.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, cli, cliAsync, copySeeds, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

const run = (args: string[]) => {
  const r = cli(['run', ...args, '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/** sha256 of every table file (not the .akhbar bookkeeping), keyed by relative path. */
function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n === '.akhbar') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Poll until `cond` holds (every 10 ms, at most 60 s). */
function waitUntil(cond: () => boolean, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (cond()) resolve();
      else if (Date.now() - t0 > 60_000) reject(new Error(what));
      else return;
      clearInterval(poll);
    }, 10);
  });
}

let dir: string;
let corpus: string;
beforeAll(() => {
  dir = tmp('runs');
  corpus = join(dir, 'corpus');
  // The seeds, plus variants so that there is enough to shard and to find duplicates in.
  copySeeds(corpus);
  for (let i = 0; i < 30; i++) {
    const text = readFileSync(join(RAW, SEEDS[i % SEEDS.length]!), 'utf8');
    // Every third variant is an exact copy of a seed's body; the others add a line (near copies).
    const variant = i % 3 === 0 ? text : `${text}\nسطر إضافي رقم ${i} في نهاية الخبر.\n`;
    writeFileSync(join(corpus, `variant-${String(i).padStart(2, '0')}.txt`), variant);
  }
});
afterAll(() => cleanup(dir));

describe('runs', () => {
  it('1 worker and 2 workers give byte-identical outputs', () => {
    run([corpus, '--out', join(dir, 'w1'), '--workers', '1']);
    const summaryFile = join(dir, 'w2-summary.json');
    run([corpus, '--out', join(dir, 'w2'), '--workers', '2', '--summary-json', summaryFile]);
    // The summary's CPU time per phase (every thread): measured, and no more than the cores allow.
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
      elapsedMs: number;
      cpuMs: Record<'discover' | 'process' | 'assemble', number>;
    };
    expect(Object.keys(s.cpuMs).sort()).toEqual(['assemble', 'discover', 'process']);
    for (const v of Object.values(s.cpuMs)) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(s.cpuMs.process).toBeGreaterThan(0);
    expect(s.cpuMs.assemble).toBeGreaterThan(0);
    const cpu = s.cpuMs.discover + s.cpuMs.process + s.cpuMs.assemble;
    expect(cpu).toBeLessThanOrEqual(s.elapsedMs * availableParallelism() + 100);
    const a = digest(join(dir, 'w1'));
    expect(Object.keys(a).length).toBe(15);
    // The variants are near copies of the seeds: each points at a representative.
    const arts = readJsonl<{ article_id: string; duplicate_of: string | null }>(
      join(dir, 'w1', 'articles.jsonl'),
    );
    const reps = new Set(arts.filter((x) => x.duplicate_of === null).map((x) => x.article_id));
    expect(reps.size).toBe(5);
    for (const x of arts) if (x.duplicate_of) expect(reps.has(x.duplicate_of)).toBe(true);
    expect(digest(join(dir, 'w2'))).toEqual(a);
    // Without --workers, a run this small (35 captures, well under 16 MB) starts one worker
    // (pool-size.ts), and writes the same bytes.
    const defaultSummary = join(dir, 'w0-summary.json');
    run([corpus, '--out', join(dir, 'w0'), '--summary-json', defaultSummary]);
    expect((JSON.parse(readFileSync(defaultSummary, 'utf8')) as { workers: number }).workers).toBe(1);
    expect(digest(join(dir, 'w0'))).toEqual(a);
  });

  it('tables written in ranges by several threads equal one range: same CSV/JSONL bytes, same Parquet rows', async () => {
    const one = join(dir, 'range-one');
    run([corpus, '--out', one, '--workers', '2']);
    // 35 articles in ranges of 4: nine pieces, written by 1 and by 2 threads.
    const r1 = join(dir, 'range-4-w1');
    const r2 = join(dir, 'range-4-w2');
    run([corpus, '--out', r1, '--workers', '1', '--range-articles', '4']);
    run([corpus, '--out', r2, '--workers', '2', '--range-articles', '4']);
    expect(digest(r2)).toEqual(digest(r1));
    const a = digest(one);
    const b = digest(r1);
    for (const [f, h] of Object.entries(a)) if (!f.endsWith('.parquet')) expect(b[f], f).toBe(h);
    // Parquet parts end at range ends: 9 parts of articles, the same rows in the same order.
    expect(readdirSync(join(r1, 'articles')).sort()).toEqual(
      Array.from({ length: 9 }, (_, i) => `part-0000${i}.parquet`),
    );
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
      for (const t of ['articles', 'mentions', 'removed', 'entities', 'errors']) {
        const parts = existsSync(join(r1, t)) ? join(r1, t, '*.parquet') : join(r1, `${t}.parquet`);
        const whole = join(one, `${t}.parquet`);
        expect(await rows(`SELECT * FROM read_parquet('${parts}')`), t).toEqual(
          await rows(`SELECT * FROM read_parquet('${whole}')`),
        );
      }
    } finally {
      conn.closeSync();
    }
  });

  it('rerun reuses unchanged inputs, reprocesses changed ones, --force redoes all; outputs stay equal to a fresh run', () => {
    const src = join(dir, 'inc');
    copySeeds(src);
    const out = join(dir, 'inc-out');
    run([src, '--out', out, '--workers', '1']);
    const written = digest(out);
    const mtimes = () => Object.keys(written).map((f) => statSync(join(out, f)).mtimeMs);
    const writtenAt = mtimes();
    // Nothing changed: the tables are left as they are, not written again.
    const summaryFile = join(dir, 'inc-again.json');
    const again = run([src, '--out', out, '--workers', '1', '--summary-json', summaryFile]);
    expect(again.stderr).toMatch(/outputs up to date: 5 inputs/);
    expect(mtimes()).toEqual(writtenAt);
    expect(digest(out)).toEqual(written);
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(s).toMatchObject({ upToDate: true, articles: 5, records: 0, reusedInputs: 5 });
    expect(s.mentions).toBeGreaterThan(0);
    // A table file changed since (here removed): the tables are written again, from the reused records.
    rmSync(join(out, 'articles.csv'));
    const rewritten = run([src, '--out', out, '--workers', '1']);
    expect(rewritten.stderr).toMatch(
      /5 inputs \(5 unchanged, reused\), 0 records processed on the main thread/,
    );
    expect(digest(out)).toEqual(written);
    // Other output options: written again too.
    run([src, '--out', out, '--workers', '1', '--formats', 'csv']);
    expect(Object.keys(digest(out)).every((f) => f.endsWith('.csv'))).toBe(true);
    const allFormats = run([src, '--out', out, '--workers', '1']);
    expect(allFormats.stderr).toMatch(/5 inputs \(5 unchanged, reused\), 0 records processed/);
    expect(digest(out)).toEqual(written);
    // Change one file and add one.
    writeFileSync(
      join(src, SEEDS[0]!),
      `${readFileSync(join(src, SEEDS[0]!), 'utf8')}\nفقرة جديدة أضيفت لاحقا إلى الخبر.\n`,
    );
    copySeeds(join(src, 'more'), [SEEDS[1]!]);
    const third = run([src, '--out', out, '--workers', '1']);
    expect(third.stderr).toMatch(/6 inputs \(4 unchanged, reused\), 2 records processed/);
    const fresh = join(dir, 'inc-fresh');
    run([src, '--out', fresh, '--workers', '2']);
    expect(digest(out)).toEqual(digest(fresh));
    const forced = run([src, '--out', out, '--workers', '1', '--force']);
    expect(forced.stderr).toMatch(/6 inputs \(0 unchanged, reused\), 6 records processed/);
    expect(digest(out)).toEqual(digest(fresh));
  });

  it('a touched input is re-hashed and reused, a deleted one dropped; a version 1 manifest still counts', () => {
    const src = join(dir, 'inc2');
    copySeeds(src);
    const out = join(dir, 'inc2-out');
    run([src, '--out', out, '--workers', '1']);
    const manifest = JSON.parse(readFileSync(join(out, '.akhbar', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ manifest_version: 2, inputs_file: 'inputs.jsonl', input_count: 5 });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(src, SEEDS[1]!), later, later);
    rmSync(join(src, SEEDS[2]!));
    const again = run([src, '--out', out, '--workers', '1']);
    expect(again.stderr).toMatch(/4 inputs \(4 unchanged, reused\), 0 records processed/);
    const fresh = join(dir, 'inc2-fresh');
    run([src, '--out', fresh, '--workers', '1']);
    expect(digest(out)).toEqual(digest(fresh));
    // The manifest as akhbar 0.1.0 before version 2 wrote it: every input inside manifest.json.
    const meta = join(out, '.akhbar');
    const lines = readJsonl<{ path: string; size: number; mtimeMs: number; sha256: string }>(
      join(meta, 'inputs.jsonl'),
    );
    const {
      inputs_file: _f,
      input_count: _c,
      ...header
    } = JSON.parse(readFileSync(join(meta, 'manifest.json'), 'utf8'));
    const inputs = Object.fromEntries(lines.map(({ path, ...rest }) => [path, rest]));
    writeFileSync(join(meta, 'manifest.json'), JSON.stringify({ ...header, manifest_version: 1, inputs }));
    rmSync(join(meta, 'inputs.jsonl'));
    const upgraded = run([src, '--out', out, '--workers', '1']);
    expect(upgraded.stderr).toMatch(/4 inputs \(4 unchanged, reused\), 0 records processed/);
    expect(digest(out)).toEqual(digest(fresh));
    expect(readJsonl(join(meta, 'inputs.jsonl'))).toHaveLength(4);
    expect(readdirSync(meta).sort()).toEqual(['inputs.jsonl', 'manifest.json', 'records.jsonl']);
  }, 180_000);

  it('shards merged equal a single run', () => {
    const single = join(dir, 'single');
    run([corpus, '--out', single, '--workers', '2']);
    const shards = [0, 1, 2].map((i) => join(dir, `shard-${i}`));
    const counts = shards.map((s, i) => {
      run([corpus, '--out', s, '--workers', '1', '--shard', `${i}/3`]);
      return readJsonl(join(s, 'articles.jsonl')).length;
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(35);
    expect(counts.every((c) => c > 0)).toBe(true);
    const merged = join(dir, 'merged');
    const m = cli(['merge', ...shards, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(digest(merged)).toEqual(digest(single));
    // The merged manifest lists every input once (the shards' inputs streamed together), so a plain
    // rerun on the merged folder reuses all of them.
    const inputs = (dir2: string) =>
      readJsonl(join(dir2, '.akhbar', 'inputs.jsonl'))
        .map((l) => JSON.stringify(l))
        .sort();
    expect(inputs(merged)).toEqual(inputs(single));
    const rerun = run([corpus, '--out', merged, '--workers', '1']);
    expect(rerun.stderr).toMatch(/0 records processed/);
    expect(digest(merged)).toEqual(digest(single));
    const missing = cli(['merge', shards[0]!, shards[1]!, '--out', join(dir, 'merged2')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/shards missing: 2\/3/);
  });

  it('a JSONL file, whose records are dealt to every shard, is listed once in the merged manifest', () => {
    const src = join(dir, 'jsonl-src');
    mkdirSync(src, { recursive: true });
    const lines = SEEDS.map((s, i) =>
      JSON.stringify({ url: `https://example.org/${i}`, text: readFileSync(join(RAW, s), 'utf8') }),
    );
    writeFileSync(join(src, 'crawl.jsonl'), `${lines.join('\n')}\n`);
    const shards = [0, 1].map((i) => join(dir, `jsonl-shard-${i}`));
    for (const [i, s] of shards.entries()) run([src, '--out', s, '--workers', '1', '--shard', `${i}/2`]);
    const merged = join(dir, 'jsonl-merged');
    const m = cli(['merge', ...shards, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    const listed = readJsonl<{ path: string }>(join(merged, '.akhbar', 'inputs.jsonl')).map((l) => l.path);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/crawl\.jsonl$/);
  });

  it('a record over --task-timeout becomes an errors row, the run finishes, and the next run retries it', () => {
    const out = join(dir, 'timeout');
    const r = cli([
      'run',
      RAW,
      '--out',
      out,
      '--workers',
      '2',
      '--progress',
      'none',
      '--task-timeout',
      '0.001',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const errs = readJsonl<{ stage: string; message: string }>(join(out, 'errors.jsonl'));
    expect(errs).toHaveLength(5);
    for (const e of errs) {
      expect(e.stage).toBe('worker');
      expect(e.message).toMatch(/took longer than 0\.001s and was stopped; raise --task-timeout/);
    }
    // Timed-out inputs are not in the manifest: a rerun with a sane timeout processes them.
    const again = run([RAW, '--out', out, '--workers', '2']);
    expect(again.stderr).toMatch(/5 inputs \(0 unchanged, reused\), 5 records processed/);
    expect(readJsonl(join(out, 'articles.jsonl'))).toHaveLength(5);
  });

  it('an interrupted run leaves the previous outputs intact, and the next run cleans up', async () => {
    const out = join(dir, 'intr');
    run([RAW, '--out', out, '--workers', '1']);
    const before = digest(out);
    // A corpus big enough to be mid-run when killed.
    const big = join(dir, 'big');
    mkdirSync(big);
    const text = readFileSync(join(RAW, SEEDS[1]!), 'utf8');
    for (let i = 0; i < 3000; i++) writeFileSync(join(big, `${i}.txt`), `${text}\n${i}\n`);
    const child = cliAsync(['run', big, '--out', out, '--workers', '2', '--progress', 'none']);
    const partial = () => readdirSync(dir).some((n) => n.startsWith('.akhbar-partial-intr-'));
    await waitUntil(partial, 'run never started writing');
    // Give it time to write into the temporary folder, then kill it hard.
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(digest(out)).toEqual(before);
    expect(partial()).toBe(true);
    run([RAW, '--out', out, '--workers', '1']);
    expect(partial()).toBe(false);
    expect(digest(out)).toEqual(before);
  });

  it('SIGINT while the tables are being written stops the writer threads cleanly too', async () => {
    const out = join(dir, 'sigint-writing');
    run([RAW, '--out', out, '--workers', '1']);
    const before = digest(out);
    // Ranges of 50 articles: 60 pieces, so the writing phase lasts long enough to be caught.
    const args = ['run', join(dir, 'big'), '--out', out, '--range-articles', '50'];
    const child = cliAsync([...args, '--workers', '2', '--progress', 'none']);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const writing = () => {
      const tmpDir = readdirSync(dir).find((n) => n.startsWith('.akhbar-partial-sigint-writing-'));
      // The folder can vanish between the two reads when the run ends first.
      const inside =
        tmpDir === undefined || !existsSync(join(dir, tmpDir)) ? [] : readdirSync(join(dir, tmpDir));
      return inside.some((n) => n.startsWith('.akhbar-range-'));
    };
    await waitUntil(writing, 'the run never started writing ranges');
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/run interrupted; previous outputs left intact/);
    expect(stderr).not.toMatch(/Terminating worker thread|\n\s+at /);
    expect(digest(out)).toEqual(before);
    expect(readdirSync(dir).some((n) => n.startsWith('.akhbar-partial-sigint-writing-'))).toBe(false);
  });

  it('SIGINT stops the run cleanly: non-zero exit, no temporary folder, old outputs kept', async () => {
    const out = join(dir, 'sigint');
    run([RAW, '--out', out, '--workers', '1']);
    const before = digest(out);
    const child = cliAsync(['run', join(dir, 'big'), '--out', out, '--workers', '2', '--progress', 'none']);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).not.toBe(0);
    expect(digest(out)).toEqual(before);
    expect(readdirSync(dir).some((n) => n.startsWith('.akhbar-partial-sigint-'))).toBe(false);
    expect(existsSync(join(out, 'articles.jsonl'))).toBe(true);
  });
});
