// The ring of shared memory that carries a worker's spool lines to the main thread (ring.ts): the
// bytes arrive intact, earlier batches are never overwritten before the main thread has written them,
// and a batch too large for the ring goes the old way.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Ring, releaseTicket } from '../src/ring.js';
import type { RecordResult } from '../src/rows.js';
import { packBatch, Spool } from '../src/spool.js';
import { cleanup, tmp } from './helpers.js';

const fill = (n: number, byte: number) => new Uint8Array(n).fill(byte);

describe('Ring', () => {
  it('copies each batch into shared memory, end to end, and starts again at 0 once the bytes there are released', () => {
    const ring = new Ring(1000);
    const a = ring.put(fill(400, 1))!;
    const b = ring.put(fill(400, 2))!;
    expect(a.view.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.view.buffer).toBe(a.view.buffer);
    expect([a.view.byteOffset, b.view.byteOffset]).toEqual([0, 400]);
    expect([a.ticket.seq, b.ticket.seq]).toEqual([1, 2]);
    // 300 more bytes do not fit before the end: they go at 0, over batch 1, once it is released.
    releaseTicket(a.ticket);
    const c = ring.put(fill(300, 3))!;
    expect(c.view.byteOffset).toBe(0);
    expect(Array.from(new Set(c.view))).toEqual([3]);
    // Batch 2 is untouched.
    expect(Array.from(new Set(b.view))).toEqual([2]);
  });

  it('waits for the main thread to write a batch before overwriting its bytes', async () => {
    const ring = new Ring(1000);
    const a = ring.put(fill(500, 1))!;
    ring.put(fill(400, 2));
    // Another thread releases batch 1 after 300 ms; until then the next batch cannot go at 0.
    const releaser = new Worker(
      `const { workerData } = require('node:worker_threads');
       const done = new Int32Array(workerData);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       Atomics.store(done, 0, 1);
       Atomics.notify(done, 0);`,
      { eval: true, workerData: a.ticket.done.buffer },
    );
    const started = performance.now();
    const c = ring.put(fill(450, 3))!;
    const waited = performance.now() - started;
    await new Promise((r) => releaser.once('exit', r));
    expect(waited).toBeGreaterThan(200);
    expect(c.view.byteOffset).toBe(0);
    expect(Atomics.load(a.ticket.done, 0)).toBe(1);
  });

  it('refuses a batch over half the ring, which packBatch then hands over in a buffer of its own', () => {
    const ring = new Ring(1000);
    expect(ring.put(fill(501, 1))).toBeNull();
  });
});

describe('packBatch into a ring', () => {
  const dir = tmp('ring');

  const record = (i: number, body: string): RecordResult => ({
    identity: `id-${i}`,
    inputKey: `in-${i}`,
    article: {
      article_id: `a${i}`,
      source_path: `s${i}`,
      url: null,
      site: null,
      title: null,
      body,
      published: null,
      published_source: null,
      weekday: null,
      dateline_place: null,
      agency: null,
      word_count: 1,
      content_sha256: 'f'.repeat(64),
      duplicate_of: null,
      pipeline_version: 't',
    },
    mentions: [],
    removed: [],
    errors: [],
    signature: null,
    timings: { decode: 1 },
  });

  it('gives the lines packBatch gives alone, as views of the ring, and the ticket on the first entry; the spool gets the same bytes', () => {
    const records = [record(1, 'قال وزير الخارجية'), record(2, 'بكين 31 ديسمبر'), record(3, 'x')];
    const alone = packBatch(records);
    const ring = new Ring(1 << 16);
    const shared = packBatch(records, (data) => ring.put(data));
    shared.forEach((p, i) => {
      expect(p.bytes!.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(p.bytes!).equals(Buffer.from(alone[i]!.bytes!))).toBe(true);
    });
    expect(shared[0]!.ticket?.seq).toBe(1);
    expect(shared.slice(1).every((p) => p.ticket === undefined)).toBe(true);
    const a = new Spool(`${dir}/alone.jsonl`, 'w+', 8);
    const b = new Spool(`${dir}/shared.jsonl`, 'w+', 8);
    a.addPackedBatch(alone);
    b.addPackedBatch(shared);
    releaseTicket(shared[0]!.ticket!);
    expect(Atomics.load(shared[0]!.ticket!.done, 0)).toBe(1);
    for (let i = 0; i < records.length; i++) {
      const e = (s: Spool) => ({ offset: s.entries.offset.get(i), length: s.entries.length.get(i) });
      expect(b.readLine(e(b)).equals(a.readLine(e(a)))).toBe(true);
    }
    a.closeQuietly();
    b.closeQuietly();
    // Too large for this ring: the default, a buffer of its own.
    const small = new Ring(64);
    const big = packBatch(records, (data) => small.put(data));
    expect(big[0]!.ticket).toBeUndefined();
    expect(big[0]!.bytes!.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    cleanup(dir);
  });
});
