// A range's CSV/JSONL reach the joined files by one of three roads (write-range.ts): straight there
// (its turn came before it started), through its folder (it finished before its turn), or its folder
// first and then straight there (its turn came while it was being written). The joined files must
// be the same bytes whatever the roads, and the same as one range of every article.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTableConcat } from '@akhbar/dataset';
import { afterAll, describe, expect, it } from 'vitest';
import { withMentionColumns } from '../src/mention-columns.js';
import { processTask } from '../src/process.js';
import { Spool } from '../src/spool.js';
import { DONE, HEAD, RANGE_TABLES, type RangeJob, writeRange } from '../src/write-range.js';
import { RAW, SEEDS } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'akhbar-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = { pipelineVersion: 'test', maxBytes: 64 * 1024 * 1024 };

/** The seed articles, each 3 times under another identity: 15 records in the spool. */
function spoolOfSeeds(): Spool {
  const spool = new Spool(join(dir, 'spool.jsonl'), 'w+', 8);
  for (let copy = 0; copy < 3; copy++) {
    for (const name of SEEDS) {
      const id = `${copy}/${name}`;
      const r = processTask(
        { sourcePath: id, identity: id, inputKey: id, kind: 'text', path: join(RAW, name) },
        opts,
      );
      spool.add(withMentionColumns(r));
    }
  }
  return spool;
}

/** Write the spool's records in ranges of `size`; `turn(r)` says how range r's turn comes. */
async function writeInRanges(
  spool: Spool,
  out: string,
  size: number,
  turn: (r: number, flag: Int32Array) => void,
): Promise<Array<boolean>> {
  const concat = await openTableConcat(out, { formats: ['csv', 'jsonl'], tables: [...RANGE_TABLES] });
  const joined: RangeJob['joined'] = {};
  for (const t of RANGE_TABLES)
    joined[t] = { csv: concat.textPath(t, 'csv'), jsonl: concat.textPath(t, 'jsonl') };
  const ix = spool.entries;
  const appended: boolean[] = [];
  for (let r = 0, from = 0; from < ix.size; r++, from += size) {
    const idx = Array.from({ length: Math.min(size, ix.size - from) }, (_, k) => from + k);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    if (r === 0) flag[0] = HEAD;
    const job: RangeJob = {
      spoolPath: spool.path,
      dir: join(out, `.range-${r}`),
      formats: ['csv', 'jsonl'],
      bom: r === 0,
      offsets: Float64Array.from(idx, (i) => ix.offset.get(i)),
      lengths: Float64Array.from(idx, (i) => ix.length.get(i)),
      ids: idx.map((i) => `id-${String(i).padStart(3, '0')}`),
      duplicateOf: idx.map(() => null),
      first: r === 0,
      joined,
      turn: flag,
    };
    if (r > 0) turn(r, flag);
    const res = await writeRange(job);
    appended.push(res.textAppended);
    await concat.append(job.dir, res.summary, { textAppended: res.textAppended });
    expect(existsSync(job.dir)).toBe(false);
  }
  await concat.close();
  return appended;
}

const files = (out: string) =>
  Object.fromEntries(
    RANGE_TABLES.flatMap((t) =>
      ['csv', 'jsonl'].map((f) => [`${t}.${f}`, readFileSync(join(out, `${t}.${f}`))]),
    ),
  );

describe('writeRange text', () => {
  it('gives the joined files of one range, whether each range writes them directly, through its folder, or both', async () => {
    const spool = spoolOfSeeds();
    const whole = join(dir, 'whole');
    expect(await writeInRanges(spool, whole, 100, () => {})).toEqual([true]);

    // Turn already come: straight to the joined files.
    const direct = join(dir, 'direct');
    expect(await writeInRanges(spool, direct, 4, (_, flag) => Atomics.store(flag, 0, HEAD))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // Turn never came while writing: every later range through its folder, marked DONE.
    const flags: Int32Array[] = [];
    const late = join(dir, 'late');
    expect(await writeInRanges(spool, late, 4, (_, flag) => void flags.push(flag))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(flags.map((f) => f[0])).toEqual([DONE, DONE, DONE]);
    // Turn comes while writing, once the range has started its folder's CSV: its folder, then directly.
    const during = join(dir, 'during');
    let midway = 0;
    const mid = await writeInRanges(spool, during, 4, (r, flag) => {
      const piece = join(during, `.range-${r}`, 'articles.csv');
      const poll = () => {
        if (!existsSync(piece)) return void setImmediate(poll);
        if (Atomics.compareExchange(flag, 0, 0, HEAD) === 0) midway++;
      };
      setImmediate(poll);
    });
    expect(midway).toBeGreaterThan(0);
    expect(mid.filter(Boolean).length).toBeGreaterThanOrEqual(midway);

    const expected = files(whole);
    expect(expected['articles.csv']!.subarray(0, 3)).toEqual(Buffer.from('\uFEFF'));
    expect(expected['mentions.jsonl']!.length).toBeGreaterThan(1000);
    for (const out of [direct, late, during]) {
      const got = files(out);
      for (const [name, bytes] of Object.entries(expected))
        expect(got[name]!.equals(bytes), `${out} ${name}`).toBe(true);
    }
    spool.close();
  });
});
