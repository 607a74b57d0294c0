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

/** Arrow IPC stream bytes for rows of checked cells, with the schema's exact types. */
export function cellsToIPC(spec: TableSpec, rows: Cell[][]): Uint8Array {
  const arrays: Record<string, unknown[]> = {};
  const types: Record<string, DataType> = {};
  spec.columns.forEach((col, i) => {
    const values = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const v = (rows[r] as Cell[])[i] ?? null;
      values[r] = col.type === 'date' && typeof v === 'string' ? dateToMs(v) : v;
    }
    arrays[col.name] = values;
    types[col.name] = arrowType(col);
  });
  const table = tableFromArrays(arrays, { types });
  const ipc = tableToIPC(table, { format: 'stream' });
  if (!ipc) throw new Error(`Could not encode ${spec.name} as Arrow IPC.`);
  return ipc;
}

/** One Parquet file (zstd, bounded row groups) for the given rows. Deterministic bytes. */
export function cellsToParquet(spec: TableSpec, rows: Cell[][]): Uint8Array {
  const wasmTable = WasmTable.fromIPCStream(cellsToIPC(spec, rows));
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
