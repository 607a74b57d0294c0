import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as aq from 'arquero';
import { parquetToTable } from './parquet.js';
import { type TableName, tableSpec } from './schema.js';

async function exists(path: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

/**
 * The Parquet files of a table in `dir`, relative to it and in order: ['articles.parquet'] or
 * ['articles/part-00000.parquet', ...]. Empty when the table has no Parquet output.
 */
export async function parquetFiles(dir: string, name: TableName): Promise<string[]> {
  if ((await exists(join(dir, `${name}.parquet`))) === 'file') return [`${name}.parquet`];
  if ((await exists(join(dir, name))) === 'dir') {
    const parts = (await readdir(join(dir, name))).filter((f) => /^part-\d{5,}\.parquet$/.test(f)).sort();
    return parts.map((f) => `${name}/${f}`);
  }
  return [];
}

export interface ReadTableOptions {
  /** Read this format; default: Parquet when present, else JSONL. */
  format?: 'parquet' | 'jsonl';
}

/**
 * Read one table of a run or release folder as an arquero table: the single Parquet file, the
 * part files concatenated in order, or the JSONL file. Dates come back as Date objects (UTC
 * midnight), list columns as arrays, integers as numbers.
 */
export async function readTable(
  dir: string,
  name: TableName,
  options: ReadTableOptions = {},
): Promise<aq.ColumnTable> {
  const spec = tableSpec(name);
  if (options.format !== 'jsonl') {
    const files = await parquetFiles(dir, name);
    if (files.length > 0) {
      let table: aq.ColumnTable | null = null;
      for (const f of files) {
        let part: aq.ColumnTable;
        try {
          part = parquetToTable(new Uint8Array(await readFile(join(dir, f))));
        } catch (err) {
          throw new Error(
            `${join(dir, f)} is not a readable Parquet file (${(err as Error).message}); re-create it or download the release again.`,
          );
        }
        table = table === null ? part : table.concat(part);
      }
      return table as aq.ColumnTable;
    }
    if (options.format === 'parquet') {
      throw new Error(
        `No Parquet for table '${name}' in ${dir}: expected ${name}.parquet or ${name}/part-*.parquet.`,
      );
    }
  }
  const jsonl = join(dir, `${name}.jsonl`);
  if ((await exists(jsonl)) !== 'file') {
    throw new Error(
      `Table '${name}' not found in ${dir}: expected ${name}.parquet, ${name}/part-*.parquet or ${name}.jsonl. Is it an akhbar run or release folder?`,
    );
  }
  // Line by line: a JSONL larger than V8's longest string still reads.
  const rows: Record<string, unknown>[] = [];
  let lineNo = 0;
  for await (const line of createInterface({
    input: createReadStream(jsonl),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    lineNo++;
    if (line === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch {
      throw new Error(
        `${jsonl} line ${lineNo} is not valid JSON; the file is damaged, re-create or re-download it.`,
      );
    }
  }
  const names = spec.columns.map((c) => c.name);
  const columns: Record<string, unknown[]> = {};
  for (const col of names) columns[col] = rows.map((r) => r[col] ?? null);
  return aq.table(columns);
}
