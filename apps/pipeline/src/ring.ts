// Spool lines from a processing worker to the main thread through memory they share, rather than in
// a new ArrayBuffer per batch moved to the main thread. V8 counts the bytes of every ArrayBuffer the
// main thread receives toward its old generation, so ~10 KB of lines per article set off a full
// garbage collection there every ~1,000 articles (21 on 20,000 text captures; 3 without them), and
// with them concurrent marking on V8's helper threads: CPU the workers needed. Shared memory is not
// counted that way.
//
// Each worker has a ring of RING_BYTES. A batch's lines are copied into it end to end (never across
// its end), and the Packed entries are views of it, which the main thread receives without a copy.
// When the main thread has written a batch to the spool, it stores the batch's number in the ring's
// `done` cell; the worker waits for that before it reuses the bytes. A batch larger than half the
// ring is handed over as before (see worker.ts).

/** Bytes of a worker's ring: a few batches of text captures (32 articles of ~10 KB of lines each). */
export const RING_BYTES = 4 << 20;

/** How long a worker waits at once for the main thread to write a batch (then it looks again). */
const WAIT_MS = 100;

/** What the main thread does with a batch from a ring once its lines are in the spool. */
export interface RingTicket {
  /** One Int32 on shared memory: the number of the last batch written to the spool. */
  done: Int32Array;
  /** This batch's number (1, 2, ...). */
  seq: number;
}

/** The main thread: the batch's lines are written, its bytes may be reused. */
export function releaseTicket(t: RingTicket): void {
  if (Atomics.load(t.done, 0) < t.seq) Atomics.store(t.done, 0, t.seq);
  Atomics.notify(t.done, 0);
}

/** A worker's ring (one per worker thread). */
export class Ring {
  private readonly bytes: Uint8Array;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private pos = 0;
  private seq = 0;
  /** Batches in the ring that the main thread may not have written yet, oldest first. */
  private readonly live: Array<{ seq: number; start: number; end: number }> = [];

  constructor(size = RING_BYTES) {
    this.bytes = new Uint8Array(new SharedArrayBuffer(size));
  }

  /**
   * A copy of `data` in the ring (a view of shared memory) and the ticket the main thread releases
   * once it has written it; null when `data` is over half the ring. Waits, if it must, for the main
   * thread to write earlier batches whose bytes the copy would overwrite.
   */
  put(data: Uint8Array): { view: Uint8Array; ticket: RingTicket } | null {
    const n = data.length;
    if (n > this.bytes.length / 2) return null;
    const start = this.pos + n <= this.bytes.length ? this.pos : 0;
    this.waitFree(start, start + n);
    this.bytes.set(data, start);
    const seq = ++this.seq;
    this.live.push({ seq, start, end: start + n });
    this.pos = start + n;
    return { view: this.bytes.subarray(start, start + n), ticket: { done: this.done, seq } };
  }

  private waitFree(start: number, end: number): void {
    for (;;) {
      const done = Atomics.load(this.done, 0);
      while (this.live.length > 0 && this.live[0]!.seq <= done) this.live.shift();
      if (!this.live.some((b) => b.start < end && start < b.end)) return;
      // A timed wait: a worker being stopped is never left blocked for good.
      Atomics.wait(this.done, 0, done, WAIT_MS);
    }
  }
}
