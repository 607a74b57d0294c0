// The spool: processed records appended as JSON lines in a temporary file, with an index of a few
// numbers per article in memory (45 bytes) and the rest beside the spool on disk: each entry's MinHash
// signature, full content hash and published date in fixed slots (SPOOL.aux), and the LSH band hashes
// in band-major blocks (SPOOL.bands) so duplicate detection reads one band for every article at once.
// So a run's memory grows by tens of bytes per article, not by the size of the corpus or its strings:
// ten million articles index in some 450 MB.
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { BLOCK, f64Column, u8Column, u32Column } from './columns.js';
import { BANDS, bandHash, NUM_HASHES, signatureSketch, sketchesMayBeNear } from './dedupe.js';
import { ExternalSorter, LineWriter } from './external-sort.js';
import { articleId, hexHalves, idHex } from './ids.js';
import type { RingTicket } from './ring.js';
import { errorOrder, type RecordResult } from './rows.js';
import { utf8Text } from './utf8.js';

const SIG_BYTES = NUM_HASHES * 4;
const SHA_AT = SIG_BYTES;
const PUB_AT = SHA_AT + 32;
/** Published dates up to this many UTF-8 bytes sit in the slot; longer ones are read from the record. */
const PUB_MAX = 63;
const SLOT = PUB_AT + 1 + PUB_MAX;
const PUB_NULL = 0xff;
const PUB_LONG = 0xfe;
/** Slots buffered before a write to SPOOL.aux. */
const AUX_BUFFER = 256;
const HAS_SIGNATURE = 1;
const SIG_CACHE = 1 << 17;

/**
 * The index of a spool, one entry per article. In memory: article_id (from the identity; assembly
 * replaces it where identities collide), the first 64 bits of the content hash, where the spool line
 * is, one bit of each MinHash value, and a flag. Everything else is read back on demand from the
 * spool or its side files.
 */
export class SpoolIndex {
  size = 0;
  readonly idHi = u32Column();
  readonly idLo = u32Column();
  readonly shaHi = u32Column();
  readonly shaLo = u32Column();
  /** Where each entry's line is in the spool file. */
  readonly offset = f64Column();
  readonly length = u32Column();
  /** signatureSketch of each signature: duplicate detection rejects most candidates without a read. */
  readonly bit0Lo = u32Column();
  readonly bit0Hi = u32Column();
  readonly bit1Lo = u32Column();
  readonly bit1Hi = u32Column();
  private readonly flags = u8Column();
  private auxFd = -1;
  private bandsFd = -1;
  private readonly aux = Buffer.alloc(AUX_BUFFER * SLOT);
  private auxFrom = 0;
  /** The band hashes of the block being filled (allocated at the first push: readers need none). */
  private bands = new Uint32Array(0);
  private readonly slot = Buffer.alloc(SLOT);
  private sigCache = new Uint32Array(0);
  private sigTag = new Int32Array(0);

  constructor(
    /** Path of the spool file; the side files are PATH.aux and PATH.bands. */
    readonly path: string,
    /** Entries per block of band hashes (tests lower it to exercise the blocks on disk). */
    private readonly bandBlock = BLOCK,
  ) {}

  push(
    e: Pick<Packed, 'identity' | 'contentSha256' | 'published' | 'signature'>,
    offset: number,
    length: number,
  ): void {
    if (this.auxFd < 0) {
      this.auxFd = openSync(`${this.path}.aux`, 'w+');
      this.bandsFd = openSync(`${this.path}.bands`, 'w+');
      this.bands = new Uint32Array(BANDS * this.bandBlock);
    }
    const i = this.size++;
    const [hi, lo] = hexHalves(articleId(e.identity));
    this.idHi.set(i, hi);
    this.idLo.set(i, lo);
    const [shi, slo] = hexHalves(e.contentSha256);
    this.shaHi.set(i, shi);
    this.shaLo.set(i, slo);
    this.offset.set(i, offset);
    this.length.set(i, length);
    const sig = e.signature;
    const signed = sig !== null && sig.length === NUM_HASHES && sig[0] !== 0xffffffff;
    this.flags.set(i, signed ? HAS_SIGNATURE : 0);
    const [lo0, hi0, lo1, hi1] = signed ? signatureSketch(sig) : [0, 0, 0, 0];
    this.bit0Lo.set(i, lo0);
    this.bit0Hi.set(i, hi0);
    this.bit1Lo.set(i, lo1);
    this.bit1Hi.set(i, hi1);

    const at = (i - this.auxFrom) * SLOT;
    const slot = this.aux.subarray(at, at + SLOT);
    slot.fill(0);
    if (signed) for (let k = 0; k < NUM_HASHES; k++) slot.writeUInt32LE(sig[k]!, k * 4);
    slot.write(e.contentSha256.slice(0, 64), SHA_AT, 'hex');
    if (e.published === null) slot[PUB_AT] = PUB_NULL;
    else {
      const n = Buffer.byteLength(e.published, 'utf8');
      if (n > PUB_MAX) slot[PUB_AT] = PUB_LONG;
      else {
        slot[PUB_AT] = n;
        slot.write(e.published, PUB_AT + 1, 'utf8');
      }
    }
    if (i + 1 - this.auxFrom === AUX_BUFFER) this.flushAux();

    const k = i % this.bandBlock;
    if (signed) for (let b = 0; b < BANDS; b++) this.bands[b * this.bandBlock + k] = bandHash(sig, b);
    if (k === this.bandBlock - 1) {
      const block = Math.floor(i / this.bandBlock);
      const bytes = Buffer.from(this.bands.buffer, this.bands.byteOffset, this.bands.byteLength);
      writeAll(this.bandsFd, bytes, block * bytes.length);
      this.bands.fill(0);
    }
  }

  private flushAux(): void {
    const n = this.size - this.auxFrom;
    if (n > 0) writeAll(this.auxFd, this.aux.subarray(0, n * SLOT), this.auxFrom * SLOT);
    this.auxFrom = this.size;
  }

  hasSignature(i: number): boolean {
    return (this.flags.get(i) & HAS_SIGNATURE) !== 0;
  }

  /** Band `band`'s hash of every entry (0 for entries without a signature), into out[entry]. */
  bandHashes(band: number, out: Uint32Array): void {
    const full = Math.floor(this.size / this.bandBlock);
    const blockBytes = BANDS * this.bandBlock * 4;
    for (let block = 0; block < full; block++) {
      const view = Buffer.from(out.buffer, out.byteOffset + block * this.bandBlock * 4, this.bandBlock * 4);
      readAll(this.bandsFd, view, block * blockBytes + band * this.bandBlock * 4);
    }
    const rest = this.size - full * this.bandBlock;
    out.set(this.bands.subarray(band * this.bandBlock, band * this.bandBlock + rest), full * this.bandBlock);
  }

  /** False only when entries i and j cannot be near duplicates (their sketches, see signatureSketch). */
  mayBeNear(i: number, j: number): boolean {
    return sketchesMayBeNear(
      this.bit0Lo.get(i),
      this.bit0Hi.get(i),
      this.bit1Lo.get(i),
      this.bit1Hi.get(i),
      this.bit0Lo.get(j),
      this.bit0Hi.get(j),
      this.bit1Lo.get(j),
      this.bit1Hi.get(j),
    );
  }

  private readSlot(i: number): Buffer {
    this.flushAux();
    readAll(this.auxFd, this.slot, i * SLOT);
    return this.slot;
  }

  /**
   * Entry i's signature (a view into a cache: copy it to keep it). Duplicate detection reads a
   * signature once in each band where it shares a bucket; a direct-mapped cache of SIG_CACHE entries
   * (32 MB) turns those reads into one for runs up to that size and most of them beyond.
   */
  signature(i: number): Uint32Array {
    if (this.sigCache.length === 0) {
      this.sigCache = new Uint32Array(SIG_CACHE * NUM_HASHES);
      this.sigTag = new Int32Array(SIG_CACHE).fill(-1);
    }
    const c = i % SIG_CACHE;
    const view = this.sigCache.subarray(c * NUM_HASHES, (c + 1) * NUM_HASHES);
    if (this.sigTag[c] !== i) {
      const s = this.readSlot(i);
      for (let k = 0; k < NUM_HASHES; k++) view[k] = s.readUInt32LE(k * 4);
      this.sigTag[c] = i;
    }
    return view;
  }

  /** Entry i's full content hash as hex. */
  contentSha256(i: number): string {
    return this.readSlot(i).toString('hex', SHA_AT, SHA_AT + 32);
  }

  /** Entry i's published date, or undefined when it is too long for the slot (read the record). */
  published(i: number): string | null | undefined {
    const s = this.readSlot(i);
    const n = s[PUB_AT]!;
    if (n === PUB_NULL) return null;
    if (n === PUB_LONG) return undefined;
    return s.toString('utf8', PUB_AT + 1, PUB_AT + 1 + n);
  }

  /** article_id of entry i as hex. */
  id(i: number): string {
    return idHex(this.idHi.get(i), this.idLo.get(i));
  }

  /** Close and delete the side files, and free the columns duplicate detection alone needed. */
  releaseSideFiles(): void {
    for (const fd of [this.auxFd, this.bandsFd]) if (fd >= 0) closeSync(fd);
    this.auxFd = -1;
    this.bandsFd = -1;
    rmSync(`${this.path}.aux`, { force: true });
    rmSync(`${this.path}.bands`, { force: true });
    this.bands = new Uint32Array(0);
    this.sigCache = new Uint32Array(0);
    this.sigTag = new Int32Array(0);
    this.shaHi.clear();
    this.shaLo.clear();
    for (const c of [this.bit0Lo, this.bit0Hi, this.bit1Lo, this.bit1Hi]) c.clear();
    this.flags.clear();
  }
}

function writeAll(fd: number, buf: Uint8Array, position: number): void {
  for (let done = 0; done < buf.length; )
    done += writeSync(fd, buf, done, buf.length - done, position + done);
}

function readAll(fd: number, buf: Uint8Array, position: number, what = 'spool side file'): void {
  for (let done = 0; done < buf.length; ) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error(`${what} ended early at byte ${position + done}`);
    done += n;
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
  contentSha256: string;
  published: string | null;
  signature: number[] | null;
  errors: number;
  workerError: boolean;
  inputSha256?: string;
  timings: Record<string, number>;
  /** On a batch's first entry when its lines are in a worker's ring: release it once they are spooled. */
  ticket?: RingTicket;
}

/** Puts a copy of a batch's encoded lines elsewhere (a worker's ring, ring.ts), or declines (null). */
export type PlaceLines = (data: Uint8Array) => { view: Uint8Array; ticket: RingTicket } | null;

/** A worker's buffer for encoding lines, kept between batches up to SCRATCH_MAX bytes. */
let scratch: Buffer | null = null;
const SCRATCH_MAX = 8 << 20;

/**
 * A batch of records packed one at a time, as a worker finishes each: the record's spool line is
 * encoded at once into a scratch buffer and only the few fields of its Packed entry are kept, so the
 * record itself (body, mentions, removed segments) dies young instead of surviving, with the rest of
 * the batch, the scavenges that run while the batch is processed.
 */
export class BatchPacker {
  private buf: Buffer;
  private at = 0;
  private readonly ends: number[] = [];
  private readonly packed: Packed[] = [];

  constructor() {
    scratch ??= Buffer.allocUnsafeSlow(1 << 20);
    this.buf = scratch;
  }

  add(r: RecordResult): void {
    if (r.article) {
      const json = jsonOf(r);
      // Room for the worst case, 3 UTF-8 bytes per UTF-16 unit, and the newline. Written apart: the
      // string `${json}\n` would be copied flat before it is encoded (20 KB an article).
      this.reserve(3 * json.length + 1);
      this.at += this.buf.write(json, this.at, 'utf8');
      this.buf[this.at++] = 0x0a;
    }
    this.ends.push(this.at);
    this.packed.push(packedOf(r, null));
  }

  private reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.at + n, 2 * this.buf.length));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
    // Kept for the next batches up to SCRATCH_MAX; a batch of huge pages has a buffer of its own.
    if (next.length <= SCRATCH_MAX) scratch = next;
  }

  /**
   * The Packed entries, their lines end to end in one buffer. By default it is an ArrayBuffer
   * allocated for them alone (what the main thread receives counts as memory there: no more than
   * the lines), which a worker moves to the main thread rather than copying; `place`, given the
   * encoded lines, may put a copy elsewhere (a worker's ring of shared memory, ring.ts) and return
   * it, or return null for the default.
   */
  finish(place?: PlaceLines): Packed[] {
    const { at, ends, packed } = this;
    const placed = at > 0 && place ? place(this.buf.subarray(0, at)) : null;
    let out: Uint8Array;
    if (placed) out = placed.view;
    else {
      out = Buffer.allocUnsafeSlow(at);
      this.buf.copy(out, 0, 0, at);
    }
    packed.forEach((p, i) => {
      const from = i === 0 ? 0 : ends[i - 1]!;
      if (ends[i]! > from) p.bytes = out.subarray(from, ends[i]);
    });
    if (placed && packed.length > 0) packed[0]!.ticket = placed.ticket;
    return packed;
  }
}

/** Pack records (see BatchPacker). */
export function packBatch(records: RecordResult[], place?: PlaceLines): Packed[] {
  const packer = new BatchPacker();
  for (const r of records) packer.add(r);
  return packer.finish(place);
}

/** The Packed entry of a record whose spool line (if it has an article) is `bytes`. */
function packedOf(r: RecordResult, bytes: Uint8Array | null): Packed {
  const a = r.article;
  return {
    bytes,
    orphan: a ? null : r,
    identity: r.identity,
    inputKey: r.inputKey,
    contentSha256: a?.content_sha256 ?? '',
    published: a?.published ?? null,
    signature: r.signature,
    errors: r.errors.length,
    workerError: r.errors.some((e) => e.stage === 'worker'),
    inputSha256: r.inputSha256,
    timings: r.timings,
  };
}

/**
 * A record's spool line without its newline: the record but its timings, which the main thread sums
 * from the Packed entry and no reader of a line needs. The signature stays: a rerun or a merge reuses
 * records from this file. JSON.stringify leaves out a property whose value is undefined, so the
 * timings are set aside for the call rather than the record copied without them.
 */
function jsonOf(r: RecordResult): string {
  const { timings } = r;
  (r as { timings?: RecordResult['timings'] }).timings = undefined;
  try {
    return JSON.stringify(r);
  } finally {
    r.timings = timings;
  }
}

export function pack(r: RecordResult): Packed {
  return packBatch([r])[0]!;
}

/** Error-only records in the order records.jsonl keeps them: by their first error. */
const orphanOrder = (x: RecordResult, y: RecordResult) => errorOrder(x.errors[0]!, y.errors[0]!);

export class Spool {
  readonly entries: SpoolIndex;
  /**
   * Records that produced no article, only errors, sorted by their first error. They go to disk in
   * sorted runs beside the spool (PATH.orphans): a crawl can have millions of them.
   */
  readonly orphans: ExternalSorter<RecordResult>;
  private fd: number;
  private pos = 0;

  constructor(
    readonly path: string,
    flags: 'w+' | 'r' = 'w+',
    /** Entries per block of band hashes on disk (tests lower it). */
    bandBlock?: number,
    /** Error-only records sorted in memory per run on disk (tests lower it). */
    readonly sortRunRows?: number,
  ) {
    this.fd = openSync(path, flags);
    this.entries = new SpoolIndex(path, bandBlock);
    this.orphans = new ExternalSorter(`${path}.orphans`, orphanOrder, { runRows: sortRunRows });
  }

  /** A finished spool opened for reading, e.g. in the assembly worker. */
  static forReading(path: string): Spool {
    return new Spool(path, 'r');
  }

  add(r: RecordResult): void {
    this.addPacked(pack(r));
  }

  /**
   * A record read back from a records file (a rerun's reuse, a merge), with its line there (no
   * newline). That line is the record's spool line already (parsing and serializing it again gives
   * the same bytes), so it is copied rather than made again.
   */
  addLine(r: RecordResult, line: Uint8Array): void {
    if (!r.article) {
      this.add(r);
      return;
    }
    const bytes = Buffer.allocUnsafe(line.length + 1);
    bytes.set(line);
    bytes[line.length] = 0x0a;
    this.addPacked(packedOf(r, bytes));
  }

  addPacked(p: Packed): void {
    this.addPackedBatch([p]);
  }

  /**
   * Records in order. Lines that lie end to end in one buffer, as packBatch leaves a worker's batch,
   * go to the spool in one write rather than one per record (a system call per record was most of
   * the main thread's spool time).
   */
  addPackedBatch(ps: readonly Packed[]): void {
    let run: Uint8Array | null = null;
    let runEnd = 0;
    const flush = () => {
      if (!run) return;
      const bytes = new Uint8Array(run.buffer, run.byteOffset, runEnd - run.byteOffset);
      writeAll(this.fd, bytes, this.pos);
      this.pos += bytes.length;
      run = null;
    };
    for (const p of ps) {
      const b = p.bytes;
      if (b === null) {
        if (p.orphan?.errors.length) this.orphans.add({ ...p.orphan, signature: null, timings: {} });
        continue;
      }
      if (run && (b.buffer !== run.buffer || b.byteOffset !== runEnd)) flush();
      if (!run) {
        run = b;
        runEnd = b.byteOffset;
      }
      this.entries.push(p, this.pos + (b.byteOffset - run.byteOffset), b.length);
      runEnd += b.length;
    }
    flush();
  }

  /** The spool line of an entry as stored (JSON and its newline). */
  readLine(e: { offset: number; length: number }): Buffer {
    return this.readLineInto(e, Buffer.allocUnsafe(e.length));
  }

  /**
   * The line at e into `buf` (or into a larger buffer when it does not fit); returns the buffer that
   * holds it, at its start. Readers of many lines reuse one buffer rather than allocating one per line.
   */
  readLineInto(e: { offset: number; length: number }, buf: Buffer): Buffer {
    const out = e.length <= buf.length ? buf : Buffer.allocUnsafeSlow(Math.max(e.length, 2 * buf.length));
    readAll(this.fd, out.subarray(0, e.length), e.offset, this.path);
    return out;
  }

  /** Entry i's record as stored. */
  readRecord(i: number): RecordResult {
    const line = this.readLine({ offset: this.entries.offset.get(i), length: this.entries.length.get(i) });
    return JSON.parse(utf8Text(line)) as RecordResult;
  }

  /**
   * Keep the finished spool as the records file of the output (what a rerun reuses and `merge`
   * replays): the error-only records are appended, and the file is renamed rather than copied.
   */
  saveAsRecords(path: string): void {
    const out = new LineWriter(this.fd, this.pos);
    for (const o of this.orphans.sorted()) out.write(o);
    this.pos = out.flush();
    this.orphans.dispose();
    this.entries.releaseSideFiles();
    this.close();
    renameSync(this.path, path);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Close on an error path, where a second failure must not hide the first. */
  closeQuietly(): void {
    try {
      this.orphans.dispose();
    } catch {
      // already released
    }
    try {
      this.entries.releaseSideFiles();
    } catch {
      // already released
    }
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
