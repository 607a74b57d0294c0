import {
  type DataType,
  dateDay,
  dictionary,
  float64,
  int32,
  int64,
  list,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  utf8,
} from '@uwdata/flechette';
import * as aq from 'arquero';
import {
  Compression,
  readParquet,
  Table as WasmTable,
  WriterPropertiesBuilder,
  writeParquet,
} from 'parquet-wasm';
import type { Cell } from './rows.js';
import { type ColumnSpec, SCHEMA_VERSION, type TableSpec } from './schema.js';

/** Rows per Parquet row group: bounds reader memory and keeps DuckDB's parallel scans useful. */
export const ROW_GROUP_ROWS = 65_536;

function arrowType(col: ColumnSpec): DataType {
  switch (col.type) {
    case 'string':
      return col.dictionary ? dictionary(utf8(), int32()) : utf8();
    case 'int32':
      return int32();
    case 'int64':
      return int64();
    case 'float64':
      return float64();
    case 'date':
      return dateDay();
    case 'list<string>':
      return list(utf8());
  }
}

function dateToMs(value: string): number {
  return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)));
}

/**
 * Checked cells gathered column by column, as Parquet wants them. Writers append rows here rather
 * than keeping each row's array until the part is written: the row arrays then die young instead of
 * piling up in the old generation, and no transposition is needed when the part is encoded.
 */
export class ColumnBuffer {
  rows = 0;
  private columns: unknown[][];
  private readonly dates: boolean[];

  constructor(readonly spec: TableSpec) {
    this.columns = spec.columns.map(() => []);
    this.dates = spec.columns.map((col) => col.type === 'date');
  }

  push(cells: Cell[]): void {
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) {
      const v = cells[i] ?? null;
      (cols[i] as unknown[]).push(this.dates[i] && typeof v === 'string' ? dateToMs(v) : v);
    }
    this.rows++;
  }

  /** Arrow IPC stream bytes of the buffered rows, with the schema's exact types; empties the buffer. */
  takeIPC(): Uint8Array {
    const arrays: Record<string, unknown[]> = {};
    const types: Record<string, DataType> = {};
    this.spec.columns.forEach((col, i) => {
      arrays[col.name] = this.columns[i] as unknown[];
      types[col.name] = arrowType(col);
    });
    this.columns = this.spec.columns.map(() => []);
    this.rows = 0;
    const ipc = tableToIPC(tableFromArrays(arrays, { types }), { format: 'stream' });
    if (!ipc) throw new Error(`Could not encode ${this.spec.name} as Arrow IPC.`);
    return ipc;
  }
}

/** Arrow IPC stream bytes for rows of checked cells, with the schema's exact types. */
export function cellsToIPC(spec: TableSpec, rows: Cell[][]): Uint8Array {
  const buffer = new ColumnBuffer(spec);
  for (const cells of rows) buffer.push(cells);
  return buffer.takeIPC();
}

/** One Parquet file (zstd, bounded row groups) for a buffer's rows; empties the buffer. Deterministic bytes. */
export function bufferToParquet(buffer: ColumnBuffer): Uint8Array {
  return ipcToParquet(buffer.spec, buffer.takeIPC());
}

/** One Parquet file (zstd, bounded row groups) for the given rows. Deterministic bytes. */
export function cellsToParquet(spec: TableSpec, rows: Cell[][]): Uint8Array {
  return ipcToParquet(spec, cellsToIPC(spec, rows));
}

function ipcToParquet(spec: TableSpec, ipc: Uint8Array): Uint8Array {
  const wasmTable = WasmTable.fromIPCStream(ipc);
  const props = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setCreatedBy('akhbar-dataset (parquet-wasm 0.8)')
    // One key only: the writer keeps key-value metadata in a hash map, whose order is random.
    .setKeyValueMetadata(
      new Map([['akhbar', JSON.stringify({ table: spec.name, schema_version: SCHEMA_VERSION })]]),
    )
    .build();
  // writeParquet consumes (frees) the wasm table.
  return writeParquet(wasmTable, props);
}

/** Parse Parquet bytes into an arquero table (dates as Date objects, int64 as numbers). */
export function parquetToTable(bytes: Uint8Array): aq.ColumnTable {
  const wasmTable = readParquet(bytes);
  const arrow = tableFromIPC(wasmTable.intoIPCStream(), { useDate: true });
  // arquero cannot import a dictionary column with no batches; an empty table is just its names.
  if (arrow.numRows === 0) return aq.table(Object.fromEntries(arrow.schema.fields.map((f) => [f.name, []])));
  return aq.fromArrow(arrow as unknown as Parameters<typeof aq.fromArrow>[0]);
}
