import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteSink } from './byte-sink.js';
import { type ColumnBatch, checkColumns } from './column-batch.js';
import { CodedBytes, csvHeader, encodeCsv, encodeJsonl, type RowCodes } from './csv.js';
import { LongText } from './long-text.js';
import { bufferToParquet, ColumnBuffer } from './parquet.js';
import { type Cell, cellBytes, toCells } from './rows.js';
import { type RowTypes, SCHEMA, TABLE_NAMES, type TableName, type TableSpec, tableSpec } from './schema.js';
import { writeChunked, writeFileChunked } from './write-chunks.js';

export type TableFormat = 'csv' | 'parquet' | 'jsonl';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'parquet', 'jsonl'];

export interface TableWritersOptions {
  /** Formats to write; default all three. */
  formats?: TableFormat[];
  /** Start each CSV with a UTF-8 byte order mark so that Excel shows Arabic. Default false. */
  bom?: boolean;
  /** Most rows in one Parquet part file. Default 1,000,000. */
  partRows?: number;
  /** Most buffered bytes (approximate, in memory) before a Parquet part is written. Default 32 MiB. */
  partBytes?: number;
  /** Tables to write; default every table of the contract. Others are left alone in `dir`. */
  tables?: TableName[];
  /**
   * Where CSV and JSONL go instead of their files in `dir` (another thread, a socket, a file of the
   * caller's): each table's bytes for each format in order, the CSV header first, one chunk at a
   * time (the next is passed once the promise resolves; the bytes are reused after that, so copy
   * what must outlive it). close() then moves only the Parquet files into place.
   */
  text?: TextSink;
}

export type TextFormat = 'csv' | 'jsonl';

export type TextSink = (table: TableName, format: TextFormat, bytes: Uint8Array) => Promise<void>;

export interface TableSummary {
  rows: number;
  /** Files written, relative to the output folder, sorted. */
  files: string[];
}

export interface TableWriters {
  /** Check rows against the schema and append them. Rows keep the order they are written in. */
  write<T extends TableName>(table: T, rows: Iterable<RowTypes[T]>): Promise<void>;
  /**
   * The same as write() for rows given column by column, some of them dictionary-coded: each
   * distinct value is checked and serialized once, and no object is made per row. Same checks,
   * same messages, same bytes; writes and writeColumns to one table keep their order.
   */
  writeColumns<T extends TableName>(table: T, batch: ColumnBatch<T>): Promise<void>;
  /** Flush everything and move the finished files into place; returns what was written. */
  close(): Promise<Record<TableName, TableSummary>>;
  /** Drop everything written so far; previous outputs in the folder stay as they were. */
  abort(): Promise<void>;
}

class TableWriter {
  rows = 0;
  private parts = 0;
  private buffer: ColumnBuffer;
  private bufferBytes = 0;
  private csv: FileHandle | null = null;
  private jsonl: FileHandle | null = null;
  /** Where each text format's chunks go: its file, or the caller's sink. */
  private csvOut: ((bytes: Uint8Array) => Promise<void>) | null = null;
  private jsonlOut: ((bytes: Uint8Array) => Promise<void>) | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** CSV/JSONL writes of the last chunk, still in flight. */
  private pending: Promise<void> = Promise.resolve();
  /**
   * Two byte buffers per text format, in turn: one is being written to its file while the next
   * chunk is encoded into the other. Kept between chunks, so a large run allocates them once.
   */
  private sinks: ByteSink[] = [];
  private turn = 0;
  /** The UTF-8 of the long strings of the chunk being written (see long-text.ts). */
  private readonly long = new LongText();
  /** The text of coded values in each text format, kept from batch to batch (see CodedBytes). */
  private readonly csvBytes = new CodedBytes();
  private readonly jsonlBytes = new CodedBytes();

  constructor(
    readonly spec: TableSpec,
    private readonly tmp: string,
    private readonly formats: Set<TableFormat>,
    private readonly options: Required<Pick<TableWritersOptions, 'bom' | 'partRows' | 'partBytes'>>,
    private readonly text: TextSink | undefined,
  ) {
    this.buffer = new ColumnBuffer(spec);
  }

  async init(): Promise<void> {
    const name = this.spec.name;
    const text = this.text;
    const output = async (format: TextFormat): Promise<(bytes: Uint8Array) => Promise<void>> => {
      if (text) return (bytes) => text(name, format, bytes);
      const fh = await open(join(this.tmp, `${name}.${format}`), 'w');
      if (format === 'csv') this.csv = fh;
      else this.jsonl = fh;
      return (bytes) => writeChunked(fh, bytes);
    };
    if (this.formats.has('csv')) {
      this.csvOut = await output('csv');
      await this.csvOut(Buffer.from(csvHeader(this.spec, this.options.bom)));
    }
    if (this.formats.has('jsonl')) this.jsonlOut = await output('jsonl');
    if (this.formats.has('parquet')) await mkdir(join(this.tmp, name), { recursive: true });
  }

  /** Serialized per table, so that concurrent write() calls keep their order. */
  write(rows: Iterable<Record<string, unknown>>): Promise<void> {
    return this.enqueue(() => {
      // Check the whole batch first: a bad row rejects the batch without writing half of it.
      const batch: Cell[][] = [];
      let index = this.rows;
      for (const row of rows) batch.push(toCells(this.spec, row, index++));
      return this.append(batch);
    });
  }

  writeColumns(batch: ColumnBatch): Promise<void> {
    return this.enqueue(() => {
      const { cells, coded } = checkColumns(this.spec, batch, this.rows);
      return this.append(cells, coded);
    });
  }

  private enqueue(f: () => Promise<void>): Promise<void> {
    const next = this.queue.then(f);
    this.queue = next.catch(() => {});
    return next;
  }

  private async append(batch: Cell[][], coded?: RowCodes): Promise<void> {
    if (batch.length === 0) return;
    const parquet = this.formats.has('parquet');
    // Chunk the text encodings so one huge batch never becomes one huge string.
    for (let i = 0; i < batch.length; i += 4096) {
      const end = Math.min(batch.length, i + 4096);
      // Each long string of the chunk is encoded to UTF-8 once, for every format.
      this.long.reset(i, end, this.spec.columns.length);
      const [csv, jsonl] = this.nextSinks();
      const chunk = { coded, from: i, to: end, long: this.long };
      if (this.csvOut) encodeCsv(csv, batch, { ...chunk, bytes: this.csvBytes });
      if (this.jsonlOut) encodeJsonl(jsonl, this.spec, batch, { ...chunk, bytes: this.jsonlBytes });
      // The previous chunk's writes ran while this one was encoded; wait for them (and surface
      // their error) before the next writes, so at most one chunk per file is in flight.
      await this.pending;
      // Each output writes at the current position and loops until every byte is out.
      const writes: Promise<void>[] = [];
      if (this.csvOut) writes.push(this.csvOut(csv.take()));
      if (this.jsonlOut) writes.push(this.jsonlOut(jsonl.take()));
      this.pending = Promise.all(writes).then(() => {});
      // Observed on the next await; this only keeps a failure from being reported as unhandled.
      this.pending.catch(() => {});
      if (!parquet) continue;
      // Rows go to the Parquet buffer up to the row where the part is full, then the part is written.
      for (let r = i; r < end; ) {
        const { partRows, partBytes } = this.options;
        let cut = r;
        let full = false;
        while (cut < end && !full) {
          this.bufferBytes += cellBytes(batch[cut++] as Cell[]);
          full = this.buffer.rows + (cut - r) >= partRows || this.bufferBytes >= partBytes;
        }
        this.buffer.pushRows(batch, r, cut, this.long);
        r = cut;
        if (full) await this.flushPart();
      }
    }
    this.rows += batch.length;
  }

  /** The CSV and JSONL sinks not in flight (see `sinks`). */
  private nextSinks(): [ByteSink, ByteSink] {
    this.turn ^= 2;
    for (let k = this.sinks.length; k < 4; k++) this.sinks.push(new ByteSink());
    // A sink that grew past 16 MB (a chunk of huge bodies) is not kept for the rest of the run.
    for (const k of [this.turn, this.turn + 1])
      if ((this.sinks[k] as ByteSink).buf.length > 1 << 24) this.sinks[k] = new ByteSink();
    return [this.sinks[this.turn] as ByteSink, this.sinks[this.turn + 1] as ByteSink];
  }

  private async flushPart(): Promise<void> {
    const bytes = bufferToParquet(this.buffer);
    this.bufferBytes = 0;
    await writeFileChunked(join(this.tmp, this.spec.name, partName(this.parts)), bytes);
    this.parts++;
  }

  /** Finish the temp files; returns [tmp path, final path] pairs, relative to the folders. */
  async finish(): Promise<Array<[string, string]>> {
    await this.queue;
    await this.pending;
    const name = this.spec.name;
    const moves: Array<[string, string]> = [];
    if (this.csv) {
      await this.csv.close();
      moves.push([`${name}.csv`, `${name}.csv`]);
    }
    if (this.jsonl) {
      await this.jsonl.close();
      moves.push([`${name}.jsonl`, `${name}.jsonl`]);
    }
    if (this.formats.has('parquet')) {
      if (this.buffer.rows > 0 || this.parts === 0) await this.flushPart();
      if (this.parts === 1) moves.push([join(name, partName(0)), `${name}.parquet`]);
      else moves.push([name, name]);
    }
    return moves;
  }

  async closeHandles(): Promise<void> {
    await this.queue.catch(() => {});
    await this.pending.catch(() => {});
    await this.csv?.close().catch(() => {});
    await this.jsonl?.close().catch(() => {});
  }
}

/**
 * Move a finished table's files from `tmp` into `dir` ([from, to] pairs relative to each); returns
 * the files now in place, sorted. A single Parquet file replaces a part folder from an earlier run
 * and vice versa.
 */
export async function placeTableFiles(
  dir: string,
  tmp: string,
  name: string,
  moves: Array<[string, string]>,
): Promise<string[]> {
  const files: string[] = [];
  for (const [from, to] of moves) {
    if (to === `${name}.parquet`) await rm(join(dir, name), { recursive: true, force: true });
    if (to === name) await rm(join(dir, `${name}.parquet`), { force: true });
    await rm(join(dir, to), { recursive: true, force: true });
    await rename(join(tmp, from), join(dir, to));
    if (to === name) for (const part of (await readdir(join(dir, to))).sort()) files.push(`${name}/${part}`);
    else files.push(to);
  }
  return files.sort();
}

export function partName(index: number): string {
  return `part-${String(index).padStart(5, '0')}.parquet`;
}

/**
 * Open streaming writers for every table of the data contract in `dir`.
 * Memory stays bounded whatever the number of rows: CSV and JSONL are appended as rows come,
 * Parquet buffers at most `partRows` rows / `partBytes` bytes before writing a part file.
 * Everything is written under a temporary folder inside `dir` and moved into place by close(),
 * so an interrupted run leaves the previous outputs intact. A table that got one part is
 * `dir/<table>.parquet`; one that got several is `dir/<table>/part-NNNNN.parquet`.
 * Every table asked for is written (header-only / zero rows when nothing was written to it).
 */
export async function openTableWriters(
  dir: string,
  options: TableWritersOptions = {},
): Promise<TableWriters> {
  const formats = new Set<TableFormat>(options.formats ?? TABLE_FORMATS);
  for (const f of formats) {
    if (!TABLE_FORMATS.includes(f)) throw new Error(`Unknown format '${f}': use csv, parquet or jsonl.`);
  }
  if (formats.size === 0)
    throw new Error('openTableWriters: formats is empty; ask for at least one of csv, parquet, jsonl.');
  const partRows = options.partRows ?? 1_000_000;
  const partBytes = options.partBytes ?? 32 * 1024 * 1024;
  if (!(partRows >= 1) || !(partBytes >= 1))
    throw new Error('openTableWriters: partRows and partBytes must be positive.');
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.akhbar-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  const tables = options.tables ?? TABLE_NAMES;
  for (const name of tables) tableSpec(name);
  const writers = new Map<TableName, TableWriter>();
  for (const name of tables) {
    const w = new TableWriter(
      SCHEMA[name],
      tmp,
      formats,
      { bom: options.bom ?? false, partRows, partBytes },
      options.text,
    );
    writers.set(name, w);
  }
  try {
    for (const w of writers.values()) await w.init();
  } catch (err) {
    for (const w of writers.values()) await w.closeHandles();
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  let state: 'open' | 'closed' | 'aborted' = 'open';
  const ensureOpen = () => {
    if (state !== 'open')
      throw new Error(`Table writers for ${dir} are ${state}; open new ones to write again.`);
  };

  const opened = (table: TableName): TableWriter => {
    ensureOpen();
    tableSpec(table);
    const w = writers.get(table);
    if (!w) throw new Error(`Table '${table}' was not opened: add it to the tables option.`);
    return w;
  };

  return {
    async write(table, rows) {
      await opened(table).write(rows as Iterable<Record<string, unknown>>);
    },
    async writeColumns(table, batch) {
      await opened(table).writeColumns(batch as ColumnBatch);
    },
    async close() {
      ensureOpen();
      state = 'closed';
      const summary = {} as Record<TableName, TableSummary>;
      try {
        const plans: Array<[TableName, Array<[string, string]>]> = [];
        for (const [name, w] of writers) plans.push([name, await w.finish()]);
        for (const [name, moves] of plans) {
          const files = await placeTableFiles(dir, tmp, name, moves);
          summary[name] = { rows: (writers.get(name) as TableWriter).rows, files };
        }
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
      return summary;
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      for (const w of writers.values()) await w.closeHandles();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
