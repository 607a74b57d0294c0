import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DataType, tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { arrowType, dateToMs } from '../src/arrow-columns.js';
import { LongText } from '../src/long-text.js';
import { ColumnBuffer, cellsToIPC, cellsToParquet, parquetToTable } from '../src/parquet.js';
import type { Cell } from '../src/rows.js';
import { type ColumnSpec, SCHEMA, type TableSpec } from '../src/schema.js';
import { duck, sqlString, tempDir } from './helpers.js';

/**
 * The IPC flechette's generic builders give for the same cells: what ColumnBuffer must match byte
 * for byte, so that the Parquet files stay byte-identical to those of earlier versions.
 */
function flechetteIPC(spec: TableSpec, rows: Cell[][]): Uint8Array {
  const arrays: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  spec.columns.forEach((col, i) => {
    arrays[col.name] = rows.map((cells) => {
      const v = cells[i] ?? null;
      return col.type === 'date' && typeof v === 'string' ? dateToMs(v) : v;
    });
    types[col.name] = arrowType(col);
  });
  return tableToIPC(tableFromArrays(arrays, { types }), { format: 'stream' }) as Uint8Array;
}

// Strings that stress the UTF-8 encoding: empty, ASCII, Arabic, emoji (surrogate pairs), lone and
// reversed surrogates (encoded as U+FFFD), NUL, and long text crossing buffer growth.
const STRINGS = [
  '',
  'a',
  'قال الرئيس، إن',
  '👍🏽 نعم',
  '\uD800',
  'x\uDC00y',
  '\uDC00\uD800',
  'tail \uD83D',
  '\0',
  'ق'.repeat(5000),
  `${'long '.repeat(3000)}😀`,
];

function cell(col: ColumnSpec, seed: number, nulls: boolean): Cell {
  if (nulls && col.nullable && seed % 5 === 0) return null;
  switch (col.type) {
    case 'string':
      // Dictionary columns repeat values (and runs of one value); plain ones mostly differ.
      return col.dictionary
        ? (STRINGS[Math.floor(seed / 3) % 4] as string)
        : (STRINGS[seed % STRINGS.length] as string);
    case 'int32':
      return [0, -1, 2 ** 31 - 1, -(2 ** 31), seed][seed % 5] as number;
    case 'int64':
      return [0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, seed][seed % 4] as number;
    case 'float64':
      return [0, -0, 0.1, 1e300, -5e-324, seed / 7][seed % 6] as number;
    case 'date':
      return ['1970-01-01', '1969-12-31', '2024-02-29', '0001-01-01', '9999-12-31'][seed % 5] as string;
    case 'list<string>':
      return STRINGS.slice(seed % 4, (seed % 4) + (seed % 3));
  }
}

function rows(spec: TableSpec, count: number, from = 0, nulls = true): Cell[][] {
  const out: Cell[][] = [];
  for (let r = from; r < from + count; r++) {
    out.push(spec.columns.map((col, c) => cell(col, r * 7 + c, nulls)));
  }
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ColumnBuffer', () => {
  it("gives flechette's Arrow IPC byte for byte, for every table and column type", () => {
    for (const spec of Object.values(SCHEMA)) {
      for (const count of [0, 1, 2, 7, 8, 9, 63, 64, 65, 1000]) {
        for (const nulls of [true, false]) {
          const sample = rows(spec, count, count, nulls);
          expect(hex(cellsToIPC(spec, sample)), `${spec.name} ${count} rows`).toBe(
            hex(flechetteIPC(spec, sample)),
          );
        }
      }
    }
  });

  it('matches for all-null columns, one-value dictionaries and empty lists', () => {
    const spec = SCHEMA.articles;
    const allNull = rows(spec, 20).map((cells) =>
      cells.map((v, i) => ((spec.columns[i] as ColumnSpec).nullable ? null : v)),
    );
    const oneValue = rows(spec, 20).map((cells) =>
      cells.map((v, i) => ((spec.columns[i] as ColumnSpec).dictionary ? 'وكالة' : v)),
    );
    const emptyLists = rows(spec, 20).map((cells) =>
      cells.map((v, i) => ((spec.columns[i] as ColumnSpec).type === 'list<string>' ? [] : v)),
    );
    for (const sample of [allNull, oneValue, emptyLists]) {
      expect(hex(cellsToIPC(spec, sample))).toBe(hex(flechetteIPC(spec, sample)));
    }
  });

  it('matches when rows repeat the values of the row before, as equal or as the same strings', () => {
    for (const spec of Object.values(SCHEMA)) {
      // Runs of three rows alike (the middle one with copies of the strings), some broken by nulls.
      const sample = rows(spec, 200).flatMap((cells, r) => [
        cells,
        cells.map((v) => (typeof v === 'string' ? [...v].join('') : v)),
        r % 4 === 0 ? cells.map((v, i) => ((spec.columns[i] as ColumnSpec).nullable ? null : v)) : cells,
        cells,
      ]);
      expect(hex(cellsToIPC(spec, sample)), spec.name).toBe(hex(flechetteIPC(spec, sample)));
    }
  });

  it('reuses its buffers from part to part without leaking bytes of an earlier part', () => {
    for (const spec of Object.values(SCHEMA)) {
      const buffer = new ColumnBuffer(spec);
      // Largest first: later, smaller parts sit in buffers that still hold the earlier bytes.
      let from = 0;
      for (const count of [3000, 5, 0, 1, 700, 2, 64]) {
        const sample = rows(spec, count, from);
        from += count;
        // In uneven runs of rows, as the writers hand them over between part boundaries.
        for (let r = 0; r < sample.length; ) {
          const to = Math.min(sample.length, r + 1 + (r % 7) * 13);
          buffer.pushRows(sample, r, to);
          r = to;
        }
        expect(buffer.rows).toBe(count);
        expect(hex(buffer.takeIPC()), `${spec.name} part of ${count}`).toBe(hex(flechetteIPC(spec, sample)));
        expect(buffer.rows).toBe(0);
      }
    }
  });

  it('matches when long strings come as UTF-8 from LongText (in chunks, as the writers give them)', () => {
    for (const spec of Object.values(SCHEMA)) {
      const sample = rows(spec, 300);
      const buffer = new ColumnBuffer(spec);
      const long = new LongText();
      for (let from = 0; from < sample.length; from += 16) {
        const to = Math.min(sample.length, from + 16);
        long.reset(from, to, spec.columns.length);
        buffer.pushRows(sample, from, to, long);
      }
      expect(hex(buffer.takeIPC()), spec.name).toBe(hex(flechetteIPC(spec, sample)));
    }
  });

  it('writes Parquet that DuckDB and parquetToTable read back as the cells (lone surrogates as U+FFFD)', async () => {
    const spec = SCHEMA.entities;
    const sample = rows(spec, 40);
    const dir = await tempDir();
    const file = join(dir, 'entities.parquet');
    await writeFile(file, cellsToParquet(spec, sample));
    // What any UTF-8 reader sees: lone surrogates became U+FFFD when encoded.
    const wellFormed = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));
    const expected = sample.map((cells) =>
      Object.fromEntries(
        spec.columns.map((col, i) => {
          const v = cells[i] ?? null;
          if (typeof v === 'string' && col.type === 'string') return [col.name, wellFormed(v)];
          if (Array.isArray(v)) return [col.name, v.map(wellFormed)];
          return [col.name, v];
        }),
      ),
    );
    const read = parquetToTable(cellsToParquet(spec, sample)).objects();
    expect(
      read.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]),
        ),
      ),
    ).toEqual(expected);
    const fromDuck = await duck(
      `SELECT entity_id, canonical_ar, aliases FROM read_parquet(${sqlString(file)})`,
    );
    expect(fromDuck).toEqual(
      expected.map((row) => ({
        entity_id: row.entity_id,
        canonical_ar: row.canonical_ar,
        aliases: row.aliases,
      })),
    );
  });
});
