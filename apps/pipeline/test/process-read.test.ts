// A loose file is read by the worker (size and bytes from one descriptor): the record equals the one
// made from the same bytes handed over in memory, the limit is checked before reading, and a file that
// cannot be read becomes an errors row with the system's message.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/ids.js';
import { processTask, type Task } from '../src/process.js';
import { cleanup, RAW, SEEDS, tmp } from './helpers.js';

const dir = tmp('process-read');
afterAll(() => cleanup(dir));
const opts = { pipelineVersion: 'test', maxBytes: 64 * 1024 };
const task = (path: string, bytes?: Uint8Array): Task => ({
  sourcePath: 'a.txt',
  identity: 'a.txt',
  inputKey: 'a.txt',
  kind: 'text',
  ...(bytes ? { bytes } : { path }),
});
const noTimings = ({ timings: _t, ...rest }: ReturnType<typeof processTask>) => rest;

describe('reading a loose input file', () => {
  it('gives the record of its bytes, and their sha256', () => {
    for (const seed of SEEDS) {
      const path = join(RAW, seed);
      const bytes = readFileSync(path);
      const fromFile = processTask(task(path), opts);
      expect(fromFile.inputSha256).toBe(sha256Hex(bytes));
      expect(fromFile.article).not.toBeNull();
      const inMemory = processTask(task(path, bytes), opts);
      expect(noTimings({ ...fromFile, inputSha256: undefined })).toEqual(noTimings(inMemory));
    }
  });

  it('a file over the limit is an errors row with its size, and an empty one says so', () => {
    mkdirSync(dir, { recursive: true });
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'ا'.repeat(40 * 1024));
    const r = processTask(task(big), opts);
    expect(r.article).toBeNull();
    expect(r.inputSha256).toBeUndefined();
    expect(r.errors).toEqual([
      {
        source_path: 'a.txt',
        stage: 'read',
        message: 'file is 0.1 MB, over the --max-bytes limit of 0.1 MB; raise --max-bytes to process it',
      },
    ]);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(processTask(task(empty), opts).errors).toEqual([
      { source_path: 'a.txt', stage: 'read', message: 'empty input (0 bytes)' },
    ]);
  });

  it('a missing file or a folder is an errors row with the system message', () => {
    const missing = join(dir, 'gone.txt');
    expect(processTask(task(missing), opts).errors).toEqual([
      {
        source_path: 'a.txt',
        stage: 'decode',
        message: `ENOENT: no such file or directory, stat '${missing}'`,
      },
    ]);
    mkdirSync(join(dir, 'folder.txt'), { recursive: true });
    expect(processTask(task(join(dir, 'folder.txt')), opts).errors).toEqual([
      { source_path: 'a.txt', stage: 'decode', message: 'EISDIR: illegal operation on a directory, read' },
    ]);
  });
});
