import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countCsvRecords,
  countLines,
  WRITE_CHUNK_BYTES,
  writeChunked,
  writeFileChunked,
} from '../src/index.js';
import { tempDir } from './helpers.js';

describe('countCsvRecords', () => {
  it('counts records, not lines: quoted newlines, doubled quotes, CRLF, no final break, BOM', async () => {
    const dir = await tempDir();
    const cases: Array<[string, number]> = [
      ['a,b\r\n', 0],
      ['a,b\r\n1,2\r\n', 1],
      ['a,b\r\n1,2', 1],
      ['a,b\r\n"x\ny",2\r\n"""q""\r\n",3\r\n', 2],
      ['\uFEFFa,b\r\n"سطر\n\nسطر",""\r\n,\r\n', 2],
      ['', 0],
    ];
    for (const [i, [text, n]] of cases.entries()) {
      const path = join(dir, `${i}.csv`);
      writeFileSync(path, text);
      expect(await countCsvRecords(path), JSON.stringify(text)).toBe(n);
    }
  });

  it('counts across read chunks (a quoted field spanning a 64 KiB boundary)', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},"${'ب\n"",'.repeat(i % 50)}"`);
    writeFileSync(path, `id,text\r\n${rows.join('\r\n')}\r\n`);
    expect(await countCsvRecords(path)).toBe(3000);
  });
});

describe('countLines', () => {
  it('counts JSONL records with or without a final newline', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '{}\n{}\n');
    writeFileSync(join(dir, 'b.jsonl'), '{}\n{}');
    writeFileSync(join(dir, 'c.jsonl'), '');
    expect(await countLines(join(dir, 'a.jsonl'))).toBe(2);
    expect(await countLines(join(dir, 'b.jsonl'))).toBe(2);
    expect(await countLines(join(dir, 'c.jsonl'))).toBe(0);
  });
});

describe('writeChunked / writeFileChunked', () => {
  it('write every byte, in order, across several chunks and after what the handle already wrote', async () => {
    const dir = await tempDir();
    // 2.5 chunks of bytes that differ at every position, so a lost, repeated or moved chunk shows.
    const bytes = new Uint8Array(2 * WRITE_CHUNK_BYTES + WRITE_CHUNK_BYTES / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
    const whole = join(dir, 'whole.bin');
    await writeFileChunked(whole, bytes);
    expect(Buffer.compare(readFileSync(whole), Buffer.from(bytes))).toBe(0);
    const appended = join(dir, 'appended.bin');
    const fh = await open(appended, 'w');
    await fh.write(Buffer.from('head'));
    await writeChunked(fh, bytes);
    await writeChunked(fh, new Uint8Array(0));
    await fh.close();
    expect(Buffer.compare(readFileSync(appended), Buffer.concat([Buffer.from('head'), bytes]))).toBe(0);
  });
});
