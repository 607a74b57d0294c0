// The spool: processed records appended as JSON lines in a temporary file, with a small in-memory
// index (id, offsets, dedupe signature). Bodies stay on disk, so memory grows by a few hundred bytes
// per article, not by the size of the corpus; the final tables are written by reading it back in order.
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { errorOrder, type RecordResult } from './rows.js';

export interface SpoolEntry {
  identity: string;
  inputKey: string;
  sourcePath: string;
  contentSha256: string;
  published: string | null;
  signature: Uint32Array | null;
  offset: number;
  length: number;
}

/**
 * A processed record as a worker hands it over: the spool line already serialized (so the main
 * thread does not stringify bodies), and the few fields the main thread needs.
 */
export interface Packed {
  /** JSON of the record, when it produced an article. */
  line: string | null;
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

export function pack(r: RecordResult): Packed {
  const a = r.article;
  return {
    line: a ? JSON.stringify(r) : null,
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
}

export class Spool {
  entries: SpoolEntry[] = [];
  /** Records that produced no article, only errors (small: kept in memory). */
  orphans: RecordResult[] = [];
  private fd: number;
  private pos = 0;

  constructor(
    readonly path: string,
    flags: 'w+' | 'r' = 'w+',
  ) {
    this.fd = openSync(path, flags);
  }

  /** A finished spool opened for reading, e.g. in the assembly worker. */
  static forReading(path: string, entries: SpoolEntry[], orphans: RecordResult[]): Spool {
    const s = new Spool(path, 'r');
    s.entries = entries;
    s.orphans = orphans;
    return s;
  }

  add(r: RecordResult): void {
    this.addPacked(pack(r));
  }

  addPacked(p: Packed): void {
    if (p.line === null) {
      if (p.orphan?.errors.length) this.orphans.push({ ...p.orphan, signature: null, timings: {} });
      return;
    }
    const buf = Buffer.from(`${p.line}\n`, 'utf8');
    writeSync(this.fd, buf, 0, buf.length, this.pos);
    this.entries.push({
      identity: p.identity,
      inputKey: p.inputKey,
      sourcePath: p.sourcePath,
      contentSha256: p.contentSha256,
      published: p.published,
      signature: p.signature ? Uint32Array.from(p.signature) : null,
      offset: this.pos,
      length: buf.length,
    });
    this.pos += buf.length;
  }

  /** The spool line of an entry as stored (JSON and its newline). */
  readLine(e: Pick<SpoolEntry, 'offset' | 'length'>): Buffer {
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
    for (const o of orphans) {
      const buf = Buffer.from(`${JSON.stringify(o)}\n`, 'utf8');
      writeSync(this.fd, buf, 0, buf.length, this.pos);
      this.pos += buf.length;
    }
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
