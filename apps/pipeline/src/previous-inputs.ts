// The previous run's inputs, for deciding what a rerun may reuse, at 13 bytes a slot (about 19 per
// input) whatever the paths: an open-addressing table of a 32-bit hash of each path and the byte
// offset of its line in the previous inputs.jsonl. A hit is checked against that line on disk (one
// read of a few hundred bytes), so a hash collision costs a read, never a wrong answer.
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hexHalves, sha256Hex } from './ids.js';
import {
  type InputLine,
  InputsWriter,
  inputLines,
  type ManifestHeader,
  parseInputLine,
  readManifestFile,
} from './manifest.js';

const LOAD = 0.7;
const EMPTY = -1;

const pathKey = (path: string) => hexHalves(sha256Hex(path))[0];

export class PreviousInputs {
  private readonly keys: Uint32Array;
  /** Byte offset of the input's line, or EMPTY. */
  private readonly offsets: Float64Array;
  /** 1 when this run reuses the input's records. */
  private readonly reused: Uint8Array;
  private fd: number;
  private buf = Buffer.alloc(1024);
  /** Inputs the previous run had. */
  count = 0;
  /** What the previous run recorded of the tables it wrote (up-to-date.ts), if anything. */
  outputs: unknown;

  private constructor(
    private readonly path: string,
    capacity: number,
    /** The file is a version 1 manifest rewritten as lines, deleted on close. */
    private readonly scratch: boolean,
  ) {
    this.keys = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity).fill(EMPTY);
    this.reused = new Uint8Array(capacity);
    this.fd = openSync(path, 'r');
  }

  /**
   * The inputs of the manifest in `metaDir` (a previous run's DIR/.akhbar) when it was written with
   * `header`'s version, settings and shard; else null (everything is processed). A version 1
   * manifest is first rewritten as lines into `scratchDir`.
   */
  static async open(
    metaDir: string,
    header: ManifestHeader,
    scratchDir: string,
  ): Promise<PreviousInputs | null> {
    const m = readManifestFile(join(metaDir, 'manifest.json'));
    if (!m) return null;
    const h = m.version === 1 ? m.manifest : m.header;
    if (
      h.pipeline_version !== header.pipeline_version ||
      h.settings !== header.settings ||
      h.shard !== header.shard
    )
      return null;
    let inputsPath: string;
    let count: number;
    if (m.version === 1) {
      const w = new InputsWriter(join(scratchDir, 'previous-inputs.jsonl'));
      for (const [p, input] of Object.entries(m.manifest.inputs)) w.add(p, input);
      w.close();
      inputsPath = w.path;
      count = w.count;
    } else {
      inputsPath = m.inputsPath;
      count = m.count;
    }
    const table = new PreviousInputs(inputsPath, Math.max(8, Math.ceil(count / LOAD)), m.version === 1);
    try {
      let n = 0;
      for await (const { input, offset } of inputLines(inputsPath)) {
        // More lines than the header said: not the file it was written with.
        if (++n > count) throw new Error('inputs file longer than its manifest says');
        table.insert(input.path, offset);
      }
      table.count = count;
      table.outputs = m.version === 2 ? m.outputs : undefined;
      return table;
    } catch {
      table.close();
      return null;
    }
  }

  private insert(path: string, offset: number): void {
    const key = pathKey(path);
    let i = key % this.keys.length;
    while (this.offsets[i] !== EMPTY) i = (i + 1) % this.keys.length;
    this.keys[i] = key;
    this.offsets[i] = offset;
  }

  /** Slots whose key is `path`'s, in probe order, until an empty slot. */
  private *candidates(path: string): Generator<number> {
    const key = pathKey(path);
    for (let i = key % this.keys.length; this.offsets[i] !== EMPTY; i = (i + 1) % this.keys.length)
      if (this.keys[i] === key) yield i;
  }

  /** The line at `offset` in the inputs file. */
  private lineAt(offset: number): InputLine | null {
    for (;;) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, offset);
      const end = this.buf.subarray(0, n).indexOf(10);
      if (end >= 0 || n < this.buf.length)
        return parseInputLine(this.buf.toString('utf8', 0, end >= 0 ? end : n));
      this.buf = Buffer.alloc(this.buf.length * 2);
    }
  }

  /** The previous record of `path` and its slot, or null when the previous run did not have it. */
  find(path: string): { slot: number; input: InputLine } | null {
    for (const slot of this.candidates(path)) {
      const input = this.lineAt(this.offsets[slot]!);
      if (input?.path === path) return { slot, input };
    }
    return null;
  }

  markReused(slot: number): void {
    this.reused[slot] = 1;
  }

  /** The previous record of `path` when it was marked reused, else null (a read only on a marked key). */
  reusedInput(path: string): InputLine | null {
    for (const slot of this.candidates(path)) {
      if (this.reused[slot] !== 1) continue;
      const input = this.lineAt(this.offsets[slot]!);
      if (input?.path === path) return input;
    }
    return null;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.scratch) rmSync(this.path, { force: true });
  }
}
