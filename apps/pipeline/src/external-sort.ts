// External merge sort of JSON rows: rows are buffered up to `runRows`, each full buffer is sorted and
// appended to one run file as JSON lines, and sorted() merges the runs back, streaming. Memory holds
// one buffer and a read buffer per merged run, whatever the number of rows: a crawl with millions of
// bad inputs costs disk, not memory. The sort is stable (a tie keeps the order rows were added in).
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Rows per sorted run, by default. Some 30 MB of buffered error rows or error-only records. */
export const DEFAULT_RUN_ROWS = 32_768;
/** Runs merged at once; more runs are first merged in passes (each run read keeps a 64 KB buffer). */
export const DEFAULT_FAN_IN = 64;
const READ_BYTES = 64 * 1024;
const WRITE_BYTES = 1024 * 1024;

export interface ExternalSortOptions {
  /** Rows sorted in memory before they go to disk as one run. Default: AKHBAR_SORT_RUN_ROWS or DEFAULT_RUN_ROWS. */
  runRows?: number;
  /** Runs merged at once. Default DEFAULT_FAN_IN. */
  fanIn?: number;
}

/**
 * Rows per run when no option gives it: the AKHBAR_SORT_RUN_ROWS environment variable lets a test or
 * a user with little memory force small runs through a whole `akhbar run`.
 */
export function defaultRunRows(): number {
  const env = process.env.AKHBAR_SORT_RUN_ROWS;
  return env ? positive(Number(env), 'AKHBAR_SORT_RUN_ROWS') : DEFAULT_RUN_ROWS;
}

function positive(n: number, what: string): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`${what} must be a positive integer, not ${n}`);
  return n;
}

/** A run: a byte range of the run file. */
interface Run {
  start: number;
  end: number;
}

export class ExternalSorter<T> {
  /** Rows added. */
  count = 0;
  private buffer: T[] = [];
  private runs: Run[] = [];
  private fd = -1;
  private size = 0;
  private finished = false;
  private readonly runRows: number;
  private readonly fanIn: number;

  constructor(
    /** The run file; merge passes use PATH.pass beside it. Created at the first spilled run. */
    readonly path: string,
    private readonly compare: (a: T, b: T) => number,
    options: ExternalSortOptions = {},
  ) {
    this.runRows = positive(options.runRows ?? defaultRunRows(), 'runRows');
    this.fanIn = positive(options.fanIn ?? DEFAULT_FAN_IN, 'fanIn');
    if (this.fanIn < 2) throw new Error(`fanIn must be at least 2, not ${this.fanIn}`);
  }

  add(row: T): void {
    if (this.finished) throw new Error(`${this.path}: rows added after sorted() was called`);
    this.buffer.push(row);
    this.count++;
    if (this.buffer.length >= this.runRows) this.spill();
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    if (this.fd < 0) this.fd = openSync(this.path, 'w+');
    const rows = this.buffer.sort(this.compare);
    this.buffer = [];
    const out = new LineWriter(this.fd, this.size);
    for (const row of rows) out.write(row);
    this.runs.push({ start: this.size, end: out.flush() });
    this.size = this.runs.at(-1)!.end;
  }

  /**
   * Every row added, in order. No more rows can be added once it is called; it can be called again
   * (the runs stay on disk until dispose()).
   */
  *sorted(): Generator<T> {
    if (!this.finished) {
      this.finished = true;
      if (this.runs.length > 0) this.spill();
      else this.buffer.sort(this.compare);
      while (this.runs.length > this.fanIn) this.mergePass();
    }
    if (this.runs.length === 0) {
      yield* this.buffer;
      return;
    }
    yield* mergeRuns(this.fd, this.runs, this.compare);
  }

  /** Merge groups of fanIn consecutive runs into one run each (consecutive: the merge stays stable). */
  private mergePass(): void {
    const pass = `${this.path}.pass`;
    const fd = openSync(pass, 'w+');
    const runs: Run[] = [];
    let size = 0;
    try {
      for (let g = 0; g < this.runs.length; g += this.fanIn) {
        const out = new LineWriter(fd, size);
        for (const row of mergeRuns(this.fd, this.runs.slice(g, g + this.fanIn), this.compare))
          out.write(row);
        runs.push({ start: size, end: out.flush() });
        size = runs.at(-1)!.end;
      }
    } catch (e) {
      closeSync(fd);
      rmSync(pass, { force: true });
      throw e;
    }
    closeSync(this.fd);
    renameSync(pass, this.path);
    this.fd = fd;
    this.runs = runs;
    this.size = size;
  }

  /** Close and delete the run file. */
  dispose(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.path, { force: true });
    rmSync(`${this.path}.pass`, { force: true });
    this.buffer = [];
    this.runs = [];
  }
}

/** JSON lines written from a position of a file on, through a buffer of WRITE_BYTES. */
export class LineWriter {
  private parts: string[] = [];
  private pending = 0;

  constructor(
    private readonly fd: number,
    private pos: number,
  ) {}

  write(row: unknown): void {
    const line = `${JSON.stringify(row)}\n`;
    this.parts.push(line);
    this.pending += line.length;
    if (this.pending >= WRITE_BYTES) this.flush();
  }

  /** Write what is buffered; returns the position after it. */
  flush(): number {
    if (this.parts.length > 0) {
      const bytes = Buffer.from(this.parts.join(''), 'utf8');
      for (let done = 0; done < bytes.length; )
        done += writeSync(this.fd, bytes, done, bytes.length - done, this.pos + done);
      this.pos += bytes.length;
    }
    this.parts = [];
    this.pending = 0;
    return this.pos;
  }
}

/** The rows of one run, read through a buffer of READ_BYTES. */
class RunReader<T> {
  private readonly buf = Buffer.allocUnsafe(READ_BYTES);
  private from = 0;
  private to = 0;
  /** The start of a line that goes on past the buffer. */
  private carry: Buffer[] = [];

  constructor(
    private readonly fd: number,
    private pos: number,
    private readonly end: number,
  ) {}

  next(): T | undefined {
    for (;;) {
      const nl = this.buf.subarray(0, this.to).indexOf(10, this.from);
      if (nl >= 0) {
        let line = this.buf.subarray(this.from, nl);
        if (this.carry.length > 0) {
          line = Buffer.concat([...this.carry, line]);
          this.carry = [];
        }
        this.from = nl + 1;
        return JSON.parse(line.toString('utf8')) as T;
      }
      if (this.from < this.to) this.carry.push(Buffer.from(this.buf.subarray(this.from, this.to)));
      if (this.pos >= this.end) {
        if (this.carry.length > 0) throw new Error('external sort: a run ends inside a line');
        return undefined;
      }
      const n = readSync(this.fd, this.buf, 0, Math.min(READ_BYTES, this.end - this.pos), this.pos);
      if (n === 0) throw new Error(`external sort: run file ended early at byte ${this.pos}`);
      this.pos += n;
      this.from = 0;
      this.to = n;
    }
  }
}

/** k-way merge of sorted runs with a binary heap; of equal rows, the one from the earlier run comes first. */
function* mergeRuns<T>(fd: number, runs: Run[], compare: (a: T, b: T) => number): Generator<T> {
  const readers = runs.map((r) => new RunReader<T>(fd, r.start, r.end));
  const head: Array<T | undefined> = readers.map((r) => r.next());
  const heap = head.flatMap((h, i) => (h === undefined ? [] : [i]));
  const less = (i: number, j: number) => {
    const c = compare(head[i]!, head[j]!);
    return c < 0 || (c === 0 && i < j);
  };
  const down = (k: number) => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === k) return;
      [heap[k], heap[m]] = [heap[m]!, heap[k]!];
      k = m;
    }
  };
  for (let k = (heap.length >> 1) - 1; k >= 0; k--) down(k);
  while (heap.length > 0) {
    const i = heap[0]!;
    yield head[i]!;
    head[i] = readers[i]!.next();
    if (head[i] === undefined) {
      heap[0] = heap.at(-1)!;
      heap.pop();
    }
    down(0);
  }
}
