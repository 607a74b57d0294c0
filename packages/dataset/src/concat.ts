import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName, tableSpec } from './schema.js';
import { WRITE_CHUNK_BYTES } from './write-chunks.js';
import { partName, placeTableFiles, TABLE_FORMATS, type TableFormat, type TableSummary } from './writers.js';

/**
 * Tables written in pieces: each piece is a folder that openTableWriters closed (with the same
 * formats and `bom`), holding consecutive rows. Several threads can write pieces at once; appending
 * them in order gives the tables one writer would have written, except that Parquet part files
 * end where pieces end. Pieces are appended as they come, so the copying overlaps the writing.
 */
export interface TableConcat {
  /**
   * Append one piece (its folder and the summary its close() returned). The piece is consumed.
   * With `textAppended`, the piece's CSV and JSONL are already at the end of the joined files
   * (appended to textPath() by whoever wrote the piece) and only its Parquet is taken from the folder.
   */
  append(
    pieceDir: string,
    summary: Partial<Record<TableName, TableSummary>>,
    options?: { textAppended?: boolean },
  ): Promise<void>;
  /**
   * The joined CSV or JSONL file of a table, while open: a writer may append the next piece's text
   * to it directly (opened for appending, header only for the first piece) instead of writing it to
   * its folder to be copied, as long as nothing else is appended meanwhile.
   */
  textPath(table: TableName, format: 'csv' | 'jsonl'): string;
  /** Move the joined tables into place in `dir`; returns what was written. */
  close(): Promise<Record<TableName, TableSummary>>;
  /** Drop everything; previous outputs in `dir` stay as they were. */
  abort(): Promise<void>;
}

export interface TableConcatOptions {
  formats?: TableFormat[];
  /** Tables to join; default every table of the contract. */
  tables?: TableName[];
}

interface Joined {
  rows: number;
  parts: number;
  /** An empty piece's Parquet file, kept in case no piece has rows (the table is still written). */
  empty: string | null;
  csv: FileHandle | null;
  jsonl: FileHandle | null;
  pieces: number;
}

/**
 * Append the file `from` to `to` through one reused buffer (`buf`), without its first line if
 * `skipFirstLine` (a CSV header, and the BOM before it): a read stream allocates a fresh 1 MB Buffer
 * per chunk, thousands of them for the gigabytes of a large run's pieces.
 */
export async function appendFile(
  to: FileHandle,
  from: string,
  skipFirstLine: boolean,
  buf: Buffer,
): Promise<void> {
  const fh = await open(from, 'r');
  try {
    let skipping = skipFirstLine;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      let data = buf.subarray(0, bytesRead);
      if (skipping) {
        // The header (and the BOM before it) ends at the first LF; headers hold no line breaks.
        const nl = data.indexOf(0x0a);
        if (nl === -1) continue;
        data = data.subarray(nl + 1);
        skipping = false;
      }
      while (data.length > 0) {
        const { bytesWritten } = await to.write(data, 0, data.length, null);
        data = data.subarray(bytesWritten);
      }
    }
  } finally {
    await fh.close();
  }
}

export async function openTableConcat(dir: string, options: TableConcatOptions = {}): Promise<TableConcat> {
  const formats = new Set<TableFormat>(options.formats ?? TABLE_FORMATS);
  const tables = options.tables ?? TABLE_NAMES;
  for (const name of tables) tableSpec(name);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.akhbar-concat-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  const joined = new Map<TableName, Joined>();
  const closeHandles = async () => {
    for (const j of joined.values()) {
      await j.csv?.close().catch(() => {});
      await j.jsonl?.close().catch(() => {});
    }
  };
  try {
    for (const name of tables) {
      const j: Joined = { rows: 0, parts: 0, empty: null, csv: null, jsonl: null, pieces: 0 };
      joined.set(name, j);
      // Opened for appending: a piece's writer may append to the same file (see textPath).
      if (formats.has('csv')) j.csv = await open(join(tmp, `${name}.csv`), 'a');
      if (formats.has('jsonl')) j.jsonl = await open(join(tmp, `${name}.jsonl`), 'a');
      if (formats.has('parquet')) await mkdir(join(tmp, name));
    }
  } catch (e) {
    await closeHandles();
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  let state: 'open' | 'closed' | 'aborted' = 'open';
  // Pieces go in order, one append at a time (checked below), so one buffer serves them all.
  const copyBuf = Buffer.allocUnsafeSlow(WRITE_CHUNK_BYTES);
  let appending = false;
  return {
    textPath(table, format) {
      if (state !== 'open') throw new Error(`Table concat for ${dir} is ${state}.`);
      const j = joined.get(table);
      if (!j || !(format === 'csv' ? j.csv : j.jsonl))
        throw new Error(`Table concat for ${dir} has no ${format} of table '${table}'.`);
      return join(tmp, `${table}.${format}`);
    },
    async append(pieceDir, summary, options = {}) {
      if (state !== 'open') throw new Error(`Table concat for ${dir} is ${state}.`);
      if (appending)
        throw new Error('append() was called before the previous append() finished; await each one.');
      appending = true;
      try {
        for (const [name, j] of joined) {
          const s = summary[name];
          if (!s) throw new Error(`Piece ${pieceDir} has no table '${name}'.`);
          if (!options.textAppended) {
            if (j.csv) await appendFile(j.csv, join(pieceDir, `${name}.csv`), j.pieces > 0, copyBuf);
            if (j.jsonl) await appendFile(j.jsonl, join(pieceDir, `${name}.jsonl`), false, copyBuf);
          }
          if (formats.has('parquet')) {
            const files = s.files.filter((f) => f.endsWith('.parquet'));
            if (s.rows > 0) {
              for (const f of files) await rename(join(pieceDir, f), join(tmp, name, partName(j.parts++)));
            } else if (j.empty === null && files[0]) {
              j.empty = join(tmp, `${name}.empty.parquet`);
              await rename(join(pieceDir, files[0]), j.empty);
            }
          }
          j.rows += s.rows;
          j.pieces++;
        }
        await rm(pieceDir, { recursive: true, force: true });
      } finally {
        appending = false;
      }
    },
    async close() {
      if (state !== 'open') throw new Error(`Table concat for ${dir} is ${state}.`);
      state = 'closed';
      const summary = {} as Record<TableName, TableSummary>;
      try {
        for (const [name, j] of joined) {
          if (j.pieces === 0) throw new Error(`No pieces were appended for table '${name}'.`);
          await j.csv?.close();
          await j.jsonl?.close();
          const moves: Array<[string, string]> = [];
          if (j.csv) moves.push([`${name}.csv`, `${name}.csv`]);
          if (j.jsonl) moves.push([`${name}.jsonl`, `${name}.jsonl`]);
          if (formats.has('parquet')) {
            if (j.parts === 0 && j.empty) await rename(j.empty, join(tmp, name, partName(j.parts++)));
            moves.push(j.parts === 1 ? [join(name, partName(0)), `${name}.parquet`] : [name, name]);
          }
          summary[name] = { rows: j.rows, files: await placeTableFiles(dir, tmp, name, moves) };
        }
      } finally {
        await closeHandles();
        await rm(tmp, { recursive: true, force: true });
      }
      return summary;
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      await closeHandles();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
