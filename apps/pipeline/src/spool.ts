// The spool: processed records appended as JSON lines in a temporary file, with a small in-memory
// index (id, offsets, dedupe signature). Bodies stay on disk, so memory grows by a few hundred bytes
// per article, not by the size of the corpus; the final tables are written by reading it back in order.
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { NUM_HASHES } from './dedupe.js';
import { errorOrder, type RecordResult } from './rows.js';

/**
 * The in-memory index of a spool, one entry per article, kept as columns: a run of a million
 * articles holds a million of these, and an object per entry (with its own typed array for the
 * signature) cost about twice the memory.
 */
export class SpoolIndex {
  size = 0;
  readonly identity: string[] = [];
  readonly sourcePath: string[] = [];
  readonly contentSha256: string[] = [];
  readonly published: Array<string | null> = [];
  /** Where each entry's line is in the spool file. */
  readonly offset: number[] = [];
  readonly length: number[] = [];
  /** MinHash signatures, NUM_HASHES values per entry; all 0xffffffff for none. */
  private sigs = new Uint32Array(NUM_HASHES * 1024);

  push(
    e: Pick<Packed, 'identity' | 'sourcePath' | 'contentSha256' | 'published' | 'signature'>,
    offset: number,
    length: number,
  ): void {
    const i = this.size++;
    this.identity.push(e.identity);
    // Plain files have the same identity and path: keep one string, not two equal ones.
    this.sourcePath.push(e.sourcePath === e.identity ? e.identity : e.sourcePath);
    this.contentSha256.push(e.contentSha256);
    this.published.push(e.published);
    this.offset.push(offset);
    this.length.push(length);
    if (this.sigs.length < this.size * NUM_HASHES) {
      const grown = new Uint32Array(this.sigs.length * 2);
      grown.set(this.sigs);
      this.sigs = grown;
    }
    const at = i * NUM_HASHES;
    if (e.signature) this.sigs.set(e.signature, at);
    else this.sigs.fill(0xffffffff, at, at + NUM_HASHES);
  }

  /** Free the signatures once duplicates are found (25 MB per 100,000 articles); signature() then fails. */
  releaseSignatures(): void {
    this.sigs = new Uint32Array(0);
  }

  /** Entry i's signature (a view; copy it to keep it past the next push). */
  signature(i: number): Uint32Array {
    return this.sigs.subarray(i * NUM_HASHES, (i + 1) * NUM_HASHES);
  }
}

/**
 * A processed record as a worker hands it over: the spool line already serialized and encoded (so
 * the main thread neither stringifies bodies nor encodes them), and the few fields it needs.
 */
export interface Packed {
  /** The record's spool line (JSON and a newline, UTF-8), when it produced an article. */
  bytes: Uint8Array | null;
  /** The record itself when it produced only errors (small). */
  orphan: RecordResult | null;
  identity: string;
  inputKey: string;
  sourcePath: string;
  contentSha256: string;
  published: string | null;
  signature: number[] | null;
  errors: number;
  workerError: boolean;
  inputSha256?: string;
  timings: Record<string, number>;
}

/**
 * Pack records; the spool lines of all of them share one ArrayBuffer (allocated for them alone),
 * which a worker transfers to the main thread rather than copying (see worker.ts).
 */
export function packBatch(records: RecordResult[]): Packed[] {
  const lines = records.map((r) => (r.article ? `${JSON.stringify(r)}\n` : null));
  let total = 0;
  for (const line of lines) if (line !== null) total += Buffer.byteLength(line, 'utf8');
  const buf = Buffer.allocUnsafeSlow(total);
  let at = 0;
  return records.map((r, i) => {
    const line = lines[i];
    let bytes: Uint8Array | null = null;
    if (line != null) {
      const n = buf.write(line, at, 'utf8');
      bytes = buf.subarray(at, at + n);
      at += n;
    }
    const a = r.article;
    return {
      bytes,
      orphan: a ? null : r,
      identity: r.identity,
      inputKey: r.inputKey,
      sourcePath: a?.source_path ?? '',
      contentSha256: a?.content_sha256 ?? '',
      published: a?.published ?? null,
      signature: r.signature,
      errors: r.errors.length,
      workerError: r.errors.some((e) => e.stage === 'worker'),
      inputSha256: r.inputSha256,
      timings: r.timings,
    };
  });
}

export function pack(r: RecordResult): Packed {
  return packBatch([r])[0]!;
}

export class Spool {
  readonly entries = new SpoolIndex();
  /** Records that produced no article, only errors (small: kept in memory). */
  readonly orphans: RecordResult[] = [];
  private fd: number;
  private pos = 0;

  constructor(
    readonly path: string,
    flags: 'w+' | 'r' = 'w+',
  ) {
    this.fd = openSync(path, flags);
  }

  /** A finished spool opened for reading, e.g. in the assembly worker. */
  static forReading(path: string): Spool {
    return new Spool(path, 'r');
  }

  add(r: RecordResult): void {
    this.addPacked(pack(r));
  }

  addPacked(p: Packed): void {
    if (p.bytes === null) {
      if (p.orphan?.errors.length) this.orphans.push({ ...p.orphan, signature: null, timings: {} });
      return;
    }
    this.entries.push(p, this.pos, p.bytes.length);
    this.append(p.bytes);
  }

  private append(bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.pos);
    this.pos += bytes.length;
  }

  /** The spool line of an entry as stored (JSON and its newline). */
  readLine(e: { offset: number; length: number }): Buffer {
    const buf = Buffer.allocUnsafe(e.length);
    readSync(this.fd, buf, 0, e.length, e.offset);
    return buf;
  }

  /**
   * Keep the finished spool as the records file of the output (what a rerun reuses and `merge`
   * replays): the error-only records are appended, and the file is renamed rather than copied.
   */
  saveAsRecords(path: string): void {
    const orphans = [...this.orphans].sort((x, y) => errorOrder(x.errors[0]!, y.errors[0]!));
    for (const o of orphans) this.append(Buffer.from(`${JSON.stringify(o)}\n`, 'utf8'));
    this.close();
    renameSync(this.path, path);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Close on an error path, where a second failure must not hide the first. */
  closeQuietly(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
