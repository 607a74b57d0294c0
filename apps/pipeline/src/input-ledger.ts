// Which inputs a run processes and which it reuses, in two walks of the inputs that keep nothing per
// file: the first counts files and bytes (for the progress bar and the pool's size) and marks the
// reusable ones in the compact table of the previous run's inputs; the second yields the files to
// process. The new manifest is written as inputs finish, so memory does not grow with the number of
// files beyond that table (about 19 bytes per previous input).
import { createReadStream } from 'node:fs';
import { type InputFile, type InputSource, walkInputs } from './discover.js';
import { sha256Hex } from './ids.js';
import { lineBytesOf, lineText } from './lines.js';
import { type InputsWriter, unchanged } from './manifest.js';
import { GZIP_RATIO } from './pool-size.js';
import type { PreviousInputs } from './previous-inputs.js';
import type { RecordResult } from './rows.js';

export interface Shard {
  /** 0-based shard index. */
  index: number;
  count: number;
}

/** A file belongs to a shard by a hash of its path relative to its input root (stable as files come and go). */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard) return true;
  return Number.parseInt(sha256Hex(key).slice(0, 8), 16) % shard.count === shard.index;
}

export const isContainer = (f: InputFile) => f.kind === 'jsonl' || f.kind === 'warc';

/** The files of this run: every container (its records are dealt to shards), loose files of the shard. */
async function* filesOfShard(
  sources: InputSource[],
  cwd: string,
  shard: Shard | undefined,
  onFound: () => void = () => {},
): AsyncGenerator<InputFile> {
  for await (const f of walkInputs(sources, cwd)) {
    onFound();
    if (isContainer(f) || inShard(f.rel, shard)) yield f;
  }
}

export interface Survey {
  /** Files found, in any shard. */
  found: number;
  /** Files of this run's shard. */
  files: number;
  reused: number;
  /** Bytes of the files to process. */
  todoBytes: number;
  /**
   * Bytes of HTML and text this run will process, estimated to size the pool (pool-size.ts): a gzip
   * file counts GZIP_RATIO times its size, and a container in a sharded run the shard's share.
   */
  todoWork: number;
}

function workOf(f: InputFile, shard: Shard | undefined): number {
  const bytes = f.abs.endsWith('.gz') ? f.size * GZIP_RATIO : f.size;
  return shard && isContainer(f) ? bytes / shard.count : bytes;
}

/** First walk: count the files and mark those whose previous records can be reused. Stops on `signal`. */
export async function surveyInputs(
  sources: InputSource[],
  cwd: string,
  shard: Shard | undefined,
  prev: PreviousInputs | null,
  signal?: AbortSignal,
): Promise<Survey> {
  const s: Survey = { found: 0, files: 0, reused: 0, todoBytes: 0, todoWork: 0 };
  for await (const f of filesOfShard(sources, cwd, shard, () => s.found++)) {
    if (signal?.aborted) break;
    s.files++;
    const hit = prev?.find(f.display);
    if (hit && unchanged(hit.input, f)) {
      prev!.markReused(hit.slot);
      s.reused++;
    } else {
      s.todoBytes += f.size;
      s.todoWork += workOf(f, shard);
    }
  }
  return s;
}

/**
 * The previous run's records (its records.jsonl) of the inputs marked reused, each with its line's
 * bytes (see Spool.addLine). Stops on `signal`.
 */
export async function reuseRecords(
  recordsPath: string,
  prev: PreviousInputs,
  add: (r: RecordResult, line: Buffer) => void,
  signal?: AbortSignal,
): Promise<void> {
  // The records of a JSONL or WARC file mostly come together: ask the table once per run of them.
  let key: string | null = null;
  let reused = false;
  for await (const line of lineBytesOf(createReadStream(recordsPath))) {
    if (signal?.aborted) break;
    if (line.length === 0) continue;
    const rec = JSON.parse(lineText(line)) as RecordResult;
    if (rec.inputKey !== key) {
      key = rec.inputKey;
      reused = prev.reusedInput(key) !== null;
    }
    if (reused) add(rec, line);
  }
}

/** Second walk: the files to process; a reused one goes straight to the new manifest. */
export async function* filesToProcess(
  sources: InputSource[],
  cwd: string,
  shard: Shard | undefined,
  prev: PreviousInputs | null,
  manifest: InputsWriter,
  onFound?: () => void,
): AsyncGenerator<InputFile> {
  for await (const f of filesOfShard(sources, cwd, shard, onFound)) {
    const kept = prev?.reusedInput(f.display);
    if (kept) manifest.add(f.display, kept);
    else yield f;
  }
}

interface Pending {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** Records handed to workers and not back yet. */
  open: number;
  /** All records of the file have been read. */
  walked: boolean;
  /** A worker crashed or timed out on one of its records. */
  failed: boolean;
}

/**
 * Inputs being processed, until their manifest line is written: when every record is back, unless a
 * worker failed on one (the input is then retried on the next run, not reused). Holds only inputs in
 * flight.
 */
export class InputsInFlight {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly manifest: InputsWriter) {}

  /** `file` is about to be read; its size and mtime are those seen before reading it. */
  start(file: InputFile): void {
    const p = { size: file.size, mtimeMs: file.mtimeMs, sha256: '', open: 0, walked: false, failed: false };
    this.pending.set(file.display, p);
  }

  submitted(display: string): void {
    const p = this.pending.get(display);
    if (p) p.open++;
  }

  /** A record of the input is back; a loose file's worker reports the file's sha256. */
  result(display: string, inputSha256: string | undefined, workerError: boolean): void {
    const p = this.pending.get(display);
    if (!p) return;
    if (inputSha256) p.sha256 = inputSha256;
    if (workerError) p.failed = true;
    p.open--;
    this.settle(display, p);
  }

  /** Every record of the input has been read; a container's sha256 is known now. */
  walked(display: string, sha256?: string): void {
    const p = this.pending.get(display);
    if (!p) return;
    if (sha256) p.sha256 = sha256;
    p.walked = true;
    this.settle(display, p);
  }

  private settle(display: string, p: Pending): void {
    if (p.open > 0 || !p.walked) return;
    this.pending.delete(display);
    if (!p.failed) this.manifest.add(display, p);
  }
}
