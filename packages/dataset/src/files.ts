import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readParquet } from 'parquet-wasm';
import { compareCodeUnits } from './order.js';

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every regular file under `dir`, as '/'-separated relative paths in code-unit order. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(path);
      else
        throw new Error(
          `${join(dir, path)} is neither a file nor a folder (a link?); releases hold plain files only.`,
        );
    }
  };
  await walk('');
  return out.sort(compareCodeUnits);
}

/** Number of '\n'-terminated lines (JSONL records), streamed. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
    if (buf.length > 0) last = buf[buf.length - 1] as number;
  }
  return last === 10 ? n : n + 1;
}

/**
 * Number of CSV records after the header, streamed. Every '"' toggles "inside quotes" (a doubled
 * "" toggles twice); a '\n' outside quotes ends a record. Jumps between the two bytes with
 * indexOf (native) rather than visiting every byte, remembering the next position of each so a
 * chunk is never rescanned.
 */
export async function countCsvRecords(path: string): Promise<number> {
  let newlines = 0;
  let inQuotes = false;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    if (buf.length === 0) continue;
    last = buf[buf.length - 1] as number;
    let i = 0;
    let nextQuote = -2;
    let nextNewline = -2;
    while (i < buf.length) {
      if (nextQuote !== -1 && nextQuote < i) nextQuote = buf.indexOf(34, i);
      if (inQuotes) {
        if (nextQuote === -1) break;
        inQuotes = false;
        i = nextQuote + 1;
        continue;
      }
      if (nextNewline !== -1 && nextNewline < i) nextNewline = buf.indexOf(10, i);
      if (nextNewline !== -1 && (nextQuote === -1 || nextNewline < nextQuote)) {
        newlines++;
        i = nextNewline + 1;
      } else if (nextQuote !== -1) {
        inQuotes = true;
        i = nextQuote + 1;
      } else break;
    }
  }
  // A last record without a final line break still counts; then drop the header.
  const records = last === 10 ? newlines : newlines + 1;
  return Math.max(0, records - 1);
}

/** Rows in a Parquet file, reading only its first column. */
export async function countParquetRows(path: string, firstColumn: string): Promise<number> {
  const table = readParquet(new Uint8Array(await readFile(path)), { columns: [firstColumn] });
  try {
    let n = 0;
    for (const batch of table.recordBatches()) n += batch.numRows;
    return n;
  } finally {
    table.free();
  }
}

/** Write through a temp file and rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** The first `n` bytes of a file (fewer if it is shorter). */
export async function readHead(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether a file starts with the UTF-8 byte order mark. */
export async function hasBom(path: string): Promise<boolean> {
  return (await readHead(path, 3)).equals(Buffer.from([0xef, 0xbb, 0xbf]));
}
