// How many threads a run starts when --workers is not given (pool-size.ts), and the input bytes the
// first walk counts for it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInputs } from '../src/discover.js';
import { inShard, surveyInputs } from '../src/input-ledger.js';
import {
  ARTICLES_PER_WRITER,
  GZIP_RATIO,
  WORK_PER_WORKER,
  workersFor,
  writersFor,
} from '../src/pool-size.js';
import { cleanup, tmp } from './helpers.js';

const MB = 1024 * 1024;

describe('pool size', () => {
  it('one worker per 16 MB to process, at least one, at most one per core', () => {
    expect(WORK_PER_WORKER).toBe(16 * MB);
    expect(workersFor(0, 2)).toBe(1);
    expect(workersFor(16 * MB - 1, 8)).toBe(1);
    // 3,000 text captures (18 MB) ran faster on 1 worker than on 2; 10,000 (62 MB) on 2.
    expect(workersFor(18 * MB, 2)).toBe(1);
    expect(workersFor(32 * MB, 2)).toBe(2);
    expect(workersFor(62 * MB, 2)).toBe(2);
    expect(workersFor(100 * MB, 8)).toBe(6);
    expect(workersFor(4096 * MB, 8)).toBe(8);
    expect(workersFor(4096 * MB, 1)).toBe(1);
  });

  it('one table-writing thread per 4,096 articles, reused ones included', () => {
    expect(ARTICLES_PER_WRITER).toBe(4096);
    expect(writersFor(0, 2)).toBe(1);
    expect(writersFor(5000, 2)).toBe(1);
    expect(writersFor(8192, 2)).toBe(2);
    expect(writersFor(100_000, 2)).toBe(2);
    expect(writersFor(10_000, 8)).toBe(2);
  });
});

describe('work counted by the first walk', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp('pool-size');
    mkdirSync(join(dir, 'in'));
    // Sizes only matter here: the walk does not read the files.
    writeFileSync(join(dir, 'in', 'a.txt'), Buffer.alloc(1000, 0x61));
    writeFileSync(join(dir, 'in', 'b.html'), Buffer.alloc(3000, 0x62));
    writeFileSync(join(dir, 'in', 'c.jsonl'), Buffer.alloc(500, 0x63));
    writeFileSync(join(dir, 'in', 'd.jsonl.gz'), Buffer.alloc(200, 0x64));
    writeFileSync(join(dir, 'in', 'e.warc.gz'), Buffer.alloc(700, 0x65));
  });
  afterAll(() => cleanup(dir));

  it('gzip files count GZIP_RATIO times their size; a sharded run counts its share of each container', async () => {
    const sources = () => planInputs(['in'], dir);
    const all = await surveyInputs(sources(), dir, undefined, null);
    expect(all.todoBytes).toBe(1000 + 3000 + 500 + 200 + 700);
    expect(all.todoWork).toBe(1000 + 3000 + 500 + GZIP_RATIO * (200 + 700));
    // Two shards: loose files go to one shard each, every container's records are dealt to both.
    const works = [];
    for (const index of [0, 1]) {
      const shard = { index, count: 2 };
      const s = await surveyInputs(sources(), dir, shard, null);
      const loose = (inShard('a.txt', shard) ? 1000 : 0) + (inShard('b.html', shard) ? 3000 : 0);
      expect(s.todoWork).toBe(loose + (500 + GZIP_RATIO * (200 + 700)) / 2);
      works.push(s.todoWork);
    }
    expect(works[0]! + works[1]!).toBe(all.todoWork);
  });
});
