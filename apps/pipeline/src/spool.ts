// The spool: processed records appended as JSON lines in a temporary file, with a small in-memory
// index (id, offsets, dedupe signature). Bodies stay on disk, so memory grows by a few hundred bytes
// per article, not by the size of the corpus; the final tables are written by reading it back in order.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { RecordResult } from './rows.js';

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

export class Spool {
  readonly entries: SpoolEntry[] = [];
  /** Records that produced no article, only errors (small: kept in memory). */
  readonly orphans: RecordResult[] = [];
  private fd: number;
  private pos = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  add(r: RecordResult): void {
    if (!r.article) {
      if (r.errors.length) this.orphans.push({ ...r, signature: null, timings: {} });
      return;
    }
    const buf = Buffer.from(`${JSON.stringify(r)}\n`, 'utf8');
    writeSync(this.fd, buf, 0, buf.length, this.pos);
    this.entries.push({
      identity: r.identity,
      inputKey: r.inputKey,
      sourcePath: r.article.source_path,
      contentSha256: r.article.content_sha256,
      published: r.article.published,
      signature: r.signature ? Uint32Array.from(r.signature) : null,
      offset: this.pos,
      length: buf.length,
    });
    this.pos += buf.length;
  }

  read(e: SpoolEntry): RecordResult {
    const buf = Buffer.allocUnsafe(e.length);
    readSync(this.fd, buf, 0, e.length, e.offset);
    return JSON.parse(buf.toString('utf8')) as RecordResult;
  }

  close(): void {
    closeSync(this.fd);
  }
}
