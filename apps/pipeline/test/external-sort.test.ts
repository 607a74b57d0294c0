// The external sort must give exactly what an in-memory stable sort gives, whatever the run size and
// however many merge passes it takes: the errors table and records.jsonl depend on it byte for byte.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRunRows, ExternalSorter } from '../src/external-sort.js';
import { type ErrorRow, errorOrder } from '../src/rows.js';
import { cleanup, tmp } from './helpers.js';

const dir = tmp('external-sort');
afterAll(() => cleanup(dir));

let x = 11;
const rand = (n: number) => {
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  return x % n;
};
// Few values per field, so that many rows tie on a field or on all three; Arabic, astral characters
// (code-unit order differs from code-point order) and characters JSON escapes.
const pieces = [
  'crawl/a.html',
  'crawl/b.jsonl#',
  'بكين',
  'أخبار',
  '😀',
  '\uffff',
  'line\nbreak "q"',
  'Z',
  '',
];
const pick = () => pieces[rand(pieces.length)]!;

function randomRows(n: number): ErrorRow[] {
  return Array.from({ length: n }, () => {
    // Now and then a message longer than the 64 KB read buffer, so lines span reads.
    const long = rand(100) === 0;
    return {
      source_path: `${pick()}${rand(3)}`,
      stage: ['read', 'decode', 'worker', 'ingest'][rand(4)]!,
      message: long ? `${pick()} ${'رسالة طويلة '.repeat(3000 + rand(1000))}` : `${pick()}${rand(4)}`,
    };
  });
}

function externalSort<T>(rows: T[], compare: (a: T, b: T) => number, runRows: number, fanIn?: number) {
  const sorter = new ExternalSorter<T>(join(dir, `sort-${runRows}-${fanIn}`), compare, { runRows, fanIn });
  for (const r of rows) sorter.add(r);
  const out = [...sorter.sorted()];
  sorter.dispose();
  return out;
}

describe('ExternalSorter', () => {
  const rows = randomRows(3000);
  const expected = [...rows].sort(errorOrder);

  it('equals the in-memory sort with errorOrder, for any run size and fan-in', () => {
    expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBeLessThan(rows.length); // ties
    expect(rows.filter((r) => Buffer.byteLength(r.message) > 64 * 1024).length).toBeGreaterThan(5);
    for (const [runRows, fanIn] of [
      [1, 2], // 3,000 runs of one row: eleven merge passes
      [7, 3],
      [7, undefined],
      [100, 4],
      [2999, 2],
      [3000, 2], // one run exactly
      [1_000_000, undefined], // never leaves memory
    ] as const) {
      expect(externalSort(rows, errorOrder, runRows, fanIn)).toEqual(expected);
    }
  });

  it('is stable: rows that compare equal keep the order they were added in', () => {
    const keyed = rows.map((r, seq) => ({ ...r, seq }));
    const bySource = (a: { source_path: string }, b: { source_path: string }) =>
      a.source_path < b.source_path ? -1 : a.source_path > b.source_path ? 1 : 0;
    const want = [...keyed].sort(bySource).map((r) => r.seq);
    for (const [runRows, fanIn] of [
      [5, 2],
      [64, 3],
      [10_000, 2],
    ] as const)
      expect(externalSort(keyed, bySource, runRows, fanIn).map((r) => r.seq)).toEqual(want);
  });

  it('gives the same rows when sorted() is read again, refuses rows after it, and dispose() deletes its files', () => {
    const path = join(dir, 'again');
    const sorter = new ExternalSorter<ErrorRow>(path, errorOrder, { runRows: 9, fanIn: 2 });
    for (const r of rows.slice(0, 500)) sorter.add(r);
    const first = [...sorter.sorted()];
    expect(first).toEqual(rows.slice(0, 500).sort(errorOrder));
    expect([...sorter.sorted()]).toEqual(first);
    expect(sorter.count).toBe(500);
    expect(() => sorter.add(rows[0]!)).toThrow(/after sorted\(\)/);
    expect(existsSync(path)).toBe(true);
    sorter.dispose();
    expect(readdirSync(dir).filter((f) => f.startsWith('again'))).toEqual([]);
  });

  it('sorts nothing to nothing', () => {
    expect(externalSort([], errorOrder, 1)).toEqual([]);
  });

  it('takes the default run size from AKHBAR_SORT_RUN_ROWS and rejects a bad one', () => {
    const before = process.env.AKHBAR_SORT_RUN_ROWS;
    try {
      process.env.AKHBAR_SORT_RUN_ROWS = '17';
      expect(defaultRunRows()).toBe(17);
      process.env.AKHBAR_SORT_RUN_ROWS = '0';
      expect(() => defaultRunRows()).toThrow(/AKHBAR_SORT_RUN_ROWS must be a positive integer/);
    } finally {
      if (before === undefined) delete process.env.AKHBAR_SORT_RUN_ROWS;
      else process.env.AKHBAR_SORT_RUN_ROWS = before;
    }
  });
});
