import { Column, type DataType, tableFromColumns, tableFromIPC, tableToIPC } from '@uwdata/flechette';
import * as aq from 'arquero';
import {
  Compression,
  readParquet,
  Table as WasmTable,
  WriterPropertiesBuilder,
  writeParquet,
} from 'parquet-wasm';
import { arrowType, type ColumnBuilder, columnBuilder } from './arrow-columns.js';
import type { LongText } from './long-text.js';
import type { Cell } from './rows.js';
import { SCHEMA_VERSION, type TableSpec } from './schema.js';

/** Rows per Parquet row group: bounds reader memory and keeps DuckDB's parallel scans useful. */
export const ROW_GROUP_ROWS = 65_536;

/**
 * Checked cells gathered column by column, as Parquet wants them. Writers append rows here rather
 * than keeping each row's array until the part is written: the row arrays then die young instead of
 * piling up in the old generation. Each column is built straight into its Arrow buffers (strings
 * encoded, dictionary keys assigned) as rows arrive; see arrow-columns.ts.
 */
export class ColumnBuffer {
  rows = 0;
  private readonly types: DataType[];
  private readonly builders: ColumnBuilder[];

  constructor(readonly spec: TableSpec) {
    this.types = spec.columns.map(arrowType);
    this.builders = spec.columns.map((col, i) => columnBuilder(col, this.types[i] as DataType));
  }

  /**
   * Rows `from` to `to`, column by column (each builder's own loop; row by row, every cell was a
   * call through a polymorphic site). `long` (reset for a chunk holding the rows) gives the UTF-8 of
   * their long strings.
   */
  pushRows(rows: Cell[][], from: number, to: number, long?: LongText): void {
    const builders = this.builders;
    for (let i = 0; i < builders.length; i++)
      (builders[i] as ColumnBuilder).pushRows(rows, i, from, to, long);
    this.rows += to - from;
  }

  /** Arrow IPC stream bytes of the buffered rows, with the schema's exact types; empties the buffer. */
  takeIPC(): Uint8Array {
    const rows = this.rows;
    // With no rows flechette's builders make no batches at all; an empty column matches that.
    const columns = this.spec.columns.map(
      (col, i) =>
        [
          col.name,
          rows === 0 ? new Column([], this.types[i]) : (this.builders[i] as ColumnBuilder).column(rows),
        ] as [string, Column<unknown>],
    );
    let ipc: Uint8Array | null;
    try {
      ipc = tableToIPC(tableFromColumns(columns), { format: 'stream' });
    } finally {
      // The columns are views of the builders' buffers: reuse them only once the IPC bytes are copied.
      for (const builder of this.builders) builder.clear();
      this.rows = 0;
    }
    if (!ipc) throw new Error(`Could not encode ${this.spec.name} as Arrow IPC.`);
    return ipc;
  }
}

/** Arrow IPC stream bytes for rows of checked cells, with the schema's exact types. */
export function cellsToIPC(spec: TableSpec, rows: Cell[][]): Uint8Array {
  const buffer = new ColumnBuffer(spec);
  buffer.pushRows(rows, 0, rows.length);
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
