import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { readParquet } from 'parquet-wasm';

/**
 * Read some columns of a table's Parquet files as plain arrays, one file at a time: only those
 * columns are decoded and only one file's worth is held, so stats over a million articles never
 * load their bodies. Dates come back as 'YYYY-MM-DD' strings, lists as string arrays.
 */
export async function forEachColumns(
  dir: string,
  files: string[],
  columns: string[],
  visit: (cols: Record<string, unknown[]>, rows: number) => void,
): Promise<void> {
  for (const file of files) {
    const wasm = readParquet(new Uint8Array(await readFile(join(dir, file))), { columns });
    const table = tableFromIPC(wasm.intoIPCStream(), { useDate: true });
    const out: Record<string, unknown[]> = {};
    for (const name of columns) {
      const target: unknown[] = [];
      for (const v of table.getChild(name).toArray() as Iterable<unknown>) {
        if (v instanceof Date) target.push(v.toISOString().slice(0, 10));
        else if (v !== null && typeof v === 'object' && Symbol.iterator in v)
          target.push(Array.from(v as Iterable<unknown>));
        else target.push(v);
      }
      out[name] = target;
    }
    visit(out, table.numRows);
  }
}

/** All rows of some columns across a table's Parquet files (for small tables such as entities). */
export async function readColumns(
  dir: string,
  files: string[],
  columns: string[],
): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c, []]));
  await forEachColumns(dir, files, columns, (cols) => {
    for (const c of columns) for (const v of cols[c] as unknown[]) (all[c] as unknown[]).push(v);
  });
  return all;
}
