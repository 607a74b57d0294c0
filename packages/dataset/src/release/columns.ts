import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { readParquet } from 'parquet-wasm';

/**
 * Read some columns of a table's Parquet files (in order) as plain arrays: only those columns are
 * decoded, so stats over a million articles never load their bodies. Dates come back as
 * 'YYYY-MM-DD' strings, lists as string arrays.
 */
export async function readColumns(
  dir: string,
  files: string[],
  columns: string[],
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c, []]));
  for (const file of files) {
    const wasm = readParquet(new Uint8Array(await readFile(join(dir, file))), { columns });
    const table = tableFromIPC(wasm.intoIPCStream(), { useDate: true });
    for (const name of columns) {
      const col = table.getChild(name);
      const target = out[name] as unknown[];
      for (const v of col.toArray() as Iterable<unknown>) {
        if (v instanceof Date) target.push(v.toISOString().slice(0, 10));
        else if (v !== null && typeof v === 'object' && Symbol.iterator in v)
          target.push(Array.from(v as Iterable<unknown>));
        else target.push(v);
      }
    }
  }
  return out;
}
