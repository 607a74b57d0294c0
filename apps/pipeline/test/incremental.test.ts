// The rerun bookkeeping without workers: the manifest written line by line (version 2) and read back,
// a version 1 manifest read into the same compact table, paths whose table keys collide, and the
// two walks of input-ledger.ts over thousands of files after some were changed, touched, deleted and
// added.
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInputs } from '../src/discover.js';
import { hexHalves, sha256Hex } from '../src/ids.js';
import { filesToProcess, InputsInFlight, reuseRecords, surveyInputs } from '../src/input-ledger.js';
import {
  INPUTS_FILE,
  type InputLine,
  InputsWriter,
  type ManifestHeader,
  readManifestFile,
} from '../src/manifest.js';
import { PreviousInputs } from '../src/previous-inputs.js';
import { cleanup, readJsonl, tmp } from './helpers.js';

const header: ManifestHeader = { pipeline_version: '9.9.9', settings: 'abc', shard: null };
const entry = (i: number) => ({ size: i, mtimeMs: 1_700_000_000_000 + i, sha256: sha256Hex(String(i)) });

let dir: string;
beforeAll(() => {
  dir = tmp('incremental');
});
afterAll(() => cleanup(dir));

function writeV2(meta: string, paths: string[]): void {
  mkdirSync(meta, { recursive: true });
  const w = new InputsWriter(join(meta, INPUTS_FILE));
  for (const [i, p] of paths.entries()) w.add(p, entry(i));
  w.close(header);
}

describe('manifest', () => {
  it('version 2: a header with the count, one line per input', () => {
    const meta = join(dir, 'v2');
    writeV2(meta, ['a.txt', 'sub/ب.html', 'c.jsonl']);
    const m = readManifestFile(join(meta, 'manifest.json'));
    expect(m).toMatchObject({ version: 2, header, count: 3 });
    expect(readJsonl<InputLine>(join(meta, INPUTS_FILE)).map((l) => l.path)).toEqual([
      'a.txt',
      'sub/ب.html',
      'c.jsonl',
    ]);
    expect(readJsonl<InputLine>(join(meta, INPUTS_FILE))).toEqual(
      ['a.txt', 'sub/ب.html', 'c.jsonl'].map((path, i) => ({ path, ...entry(i) })),
    );
  });

  it('a version 1 manifest gives the same table; its scratch copy is removed on close', async () => {
    const meta = join(dir, 'v1');
    const scratch = join(dir, 'v1-scratch');
    mkdirSync(meta, { recursive: true });
    mkdirSync(scratch, { recursive: true });
    const inputs = Object.fromEntries(['a.txt', 'b/c.txt'].map((p, i) => [p, entry(i)]));
    writeFileSync(join(meta, 'manifest.json'), JSON.stringify({ manifest_version: 1, ...header, inputs }));
    const prev = (await PreviousInputs.open(meta, header, scratch))!;
    expect(prev.find('b/c.txt')?.input).toEqual({ path: 'b/c.txt', ...entry(1) });
    expect(prev.find('c.txt')).toBeNull();
    expect(readdirSync(scratch)).toHaveLength(1);
    prev.close();
    expect(readdirSync(scratch)).toHaveLength(0);
    // Another version, settings or shard: nothing is reused.
    for (const other of [{ pipeline_version: '1.0.0' }, { settings: 'x' }, { shard: '0/2' }])
      expect(await PreviousInputs.open(meta, { ...header, ...other }, scratch)).toBeNull();
  });

  it('a damaged inputs file means no reuse, not a crash', async () => {
    const meta = join(dir, 'damaged');
    writeV2(meta, ['a.txt', 'b.txt']);
    appendFileSync(join(meta, INPUTS_FILE), '{"path": "c.txt"\n');
    expect(await PreviousInputs.open(meta, header, dir)).toBeNull();
    writeV2(meta, ['a.txt', 'b.txt']);
    appendFileSync(join(meta, INPUTS_FILE), `${JSON.stringify({ path: 'c.txt', ...entry(2) })}\n`);
    expect(await PreviousInputs.open(meta, header, dir)).toBeNull();
    rmSync(join(meta, INPUTS_FILE));
    expect(await PreviousInputs.open(meta, header, dir)).toBeNull();
  });

  it('paths with the same table key are told apart by the line on disk', async () => {
    // Two paths whose 32-bit keys collide (a birthday search over a few ten thousand names).
    const byKey = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const p = `crawl/${i}.html`;
      const key = hexHalves(sha256Hex(p))[0];
      const other = byKey.get(key);
      if (other !== undefined) pair = [other, p];
      byKey.set(key, p);
    }
    const [a, b] = pair;
    const meta = join(dir, 'collide');
    writeV2(meta, [a]);
    let prev = (await PreviousInputs.open(meta, header, dir))!;
    expect(prev.find(a)?.input.path).toBe(a);
    expect(prev.find(b)).toBeNull();
    prev.markReused(prev.find(a)!.slot);
    expect(prev.reusedInput(b)).toBeNull();
    expect(prev.reusedInput(a)?.path).toBe(a);
    prev.close();
    writeV2(meta, [a, 'other.txt', b]);
    prev = (await PreviousInputs.open(meta, header, dir))!;
    expect(prev.find(a)?.input).toEqual({ path: a, ...entry(0) });
    expect(prev.find(b)?.input).toEqual({ path: b, ...entry(2) });
    prev.markReused(prev.find(b)!.slot);
    expect(prev.reusedInput(a)).toBeNull();
    expect(prev.reusedInput(b)?.path).toBe(b);
    prev.close();
  });
});

describe('input ledger', () => {
  const N = 3000;
  let corpus: string;
  const file = (i: number) => join(corpus, `f${Math.floor(i / 500)}`, `${i}.txt`);
  const display = (i: number) => `f${Math.floor(i / 500)}/${i}.txt`;

  /** One run's bookkeeping as run.ts does it; each processed file gets the sha256 of its bytes. */
  async function bookkeeping(meta: string, prevMeta: string | null) {
    mkdirSync(meta, { recursive: true });
    const sources = planInputs(['.'], corpus);
    const prev = prevMeta ? await PreviousInputs.open(prevMeta, header, meta) : null;
    const survey = await surveyInputs(sources, corpus, undefined, prev);
    const reused: string[] = [];
    if (prev) await reuseRecords(join(prevMeta!, 'records.jsonl'), prev, (r) => reused.push(r.inputKey));
    const manifest = new InputsWriter(join(meta, INPUTS_FILE));
    const inFlight = new InputsInFlight(manifest);
    const processed: string[] = [];
    for await (const f of filesToProcess(sources, corpus, undefined, prev, manifest)) {
      inFlight.start(f);
      inFlight.submitted(f.display);
      inFlight.result(f.display, sha256Hex(readFileSync(f.abs)), false);
      inFlight.walked(f.display);
      processed.push(f.display);
    }
    const records = [...reused, ...processed].map((inputKey) => JSON.stringify({ inputKey }));
    writeFileSync(join(meta, 'records.jsonl'), `${records.join('\n')}\n`);
    manifest.close(header);
    prev?.close();
    return { survey, reused: reused.sort(), processed: processed.sort() };
  }

  it('after changes: unchanged and touched files reused, changed and new processed, deleted dropped', async () => {
    corpus = join(dir, 'corpus');
    for (let i = 0; i < N; i++) {
      mkdirSync(join(file(i), '..'), { recursive: true });
      writeFileSync(file(i), `خبر ${i}`);
    }
    const first = await bookkeeping(join(dir, 'run1'), null);
    expect(first.survey).toEqual({
      found: N,
      files: N,
      reused: 0,
      todoBytes: Array.from({ length: N }, (_, i) => Buffer.byteLength(`خبر ${i}`)).reduce((a, b) => a + b),
      todoWork: Array.from({ length: N }, (_, i) => Buffer.byteLength(`خبر ${i}`)).reduce((a, b) => a + b),
    });
    expect(first.processed).toHaveLength(N);

    const later = new Date(Date.now() + 60_000);
    const changed: number[] = [];
    const sameSize: number[] = [];
    const touched: number[] = [];
    const deleted: number[] = [];
    for (let i = 0; i < N; i += 50) {
      writeFileSync(file(i), `خبر ${i} بعد التعديل`);
      changed.push(i);
      // Same size, new bytes, new mtime: the hash tells.
      writeFileSync(file(i + 1), `رخب ${i + 1}`);
      utimesSync(file(i + 1), later, later);
      sameSize.push(i + 1);
      // Only the mtime moves: the hash matches, the input is reused.
      utimesSync(file(i + 2), later, later);
      touched.push(i + 2);
      rmSync(file(i + 3));
      deleted.push(i + 3);
    }
    const added = Array.from({ length: N / 50 }, (_, k) => N + k);
    for (const i of added) {
      mkdirSync(join(file(i), '..'), { recursive: true });
      writeFileSync(file(i), `خبر جديد ${i}`);
    }
    const gone = new Set([...changed, ...sameSize, ...deleted]);
    const kept = Array.from({ length: N }, (_, i) => i).filter((i) => !gone.has(i));
    const second = await bookkeeping(join(dir, 'run2'), join(dir, 'run1'));
    expect(second.survey.files).toBe(N - deleted.length + added.length);
    expect(second.survey.reused).toBe(kept.length);
    // Only the inputs to process count towards the pool's size.
    const todo = [...changed, ...sameSize, ...added].map((i) => readFileSync(file(i)).length);
    expect(second.survey.todoWork).toBe(todo.reduce((a, b) => a + b));
    expect(second.reused).toEqual(kept.map(display).sort());
    expect(second.processed).toEqual([...changed, ...sameSize, ...added].map(display).sort());
    const lines = new Map(readJsonl<InputLine>(join(dir, 'run2', INPUTS_FILE)).map((l) => [l.path, l]));
    expect(lines.size).toBe(second.survey.files);
    for (const i of deleted) expect(lines.has(display(i))).toBe(false);
    for (const i of [...changed, ...sameSize, ...added])
      expect(lines.get(display(i))!.sha256).toBe(sha256Hex(readFileSync(file(i))));
    // A reused input keeps its previous line (a touched one too, so the next run hashes it again).
    const before = new Map(readJsonl<InputLine>(join(dir, 'run1', INPUTS_FILE)).map((l) => [l.path, l]));
    for (const i of kept) expect(lines.get(display(i))).toEqual(before.get(display(i)));

    const third = await bookkeeping(join(dir, 'run3'), join(dir, 'run2'));
    expect(third.survey.reused).toBe(second.survey.files);
    expect(third.processed).toEqual([]);
    // An interrupted run stops walking (Ctrl-C during the first walk of a huge folder).
    const stopped = await surveyInputs(
      planInputs(['.'], corpus),
      corpus,
      undefined,
      null,
      AbortSignal.abort(),
    );
    expect(stopped.files).toBe(0);
  });

  it('an input a worker failed on gets no manifest line (it is retried); others wait for all records', () => {
    const meta = join(dir, 'inflight');
    mkdirSync(meta, { recursive: true });
    const manifest = new InputsWriter(join(meta, INPUTS_FILE));
    const inFlight = new InputsInFlight(manifest);
    const f = (d: string) => ({ abs: d, display: d, rel: d, kind: 'jsonl' as const, size: 10, mtimeMs: 5 });
    inFlight.start(f('ok.jsonl'));
    inFlight.start(f('bad.jsonl'));
    for (const d of ['ok.jsonl', 'ok.jsonl', 'bad.jsonl']) inFlight.submitted(d);
    inFlight.result('ok.jsonl', undefined, false);
    inFlight.result('bad.jsonl', undefined, true);
    inFlight.walked('ok.jsonl', 'aa');
    inFlight.walked('bad.jsonl', 'bb');
    expect(manifest.count).toBe(0);
    inFlight.result('ok.jsonl', undefined, false);
    manifest.close(header);
    expect(readJsonl(join(meta, INPUTS_FILE))).toEqual([
      { path: 'ok.jsonl', size: 10, mtimeMs: 5, sha256: 'aa' },
    ]);
  });
});
