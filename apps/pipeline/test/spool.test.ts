// The spool's index keeps a few numbers per article in memory and the rest in side files; the plan
// built from it (final ids, output order, duplicates) must equal the plain in-memory reading of the
// same records: ids from identities, a stable sort by (id, source path), findDuplicates in that order.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planAssembly } from '../src/assemble.js';
import { BANDS, bandHash, findDuplicates, minhash, signatureSketch } from '../src/dedupe.js';
import { articleId, collisionId, sha256Hex } from '../src/ids.js';
import type { RecordResult } from '../src/rows.js';
import { pack, packBatch, Spool } from '../src/spool.js';
import { stripText } from '../src/stages.js';
import { cleanup, RAW, SEEDS, tmp } from './helpers.js';

const dir = tmp('spool');
afterAll(() => cleanup(dir));

const bodies = SEEDS.map((s) => stripText(readFileSync(join(RAW, s), 'utf8')).body);
let x = 7;
const rand = (n: number) => {
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  return x % n;
};
const words = bodies.join(' ').split(/\s+/);

/** 300 records: distinct bodies, exact copies, near copies (a few words changed), empty bodies,
 * repeated URLs (identity collisions), the same file given twice, and dates null, short and long. */
function records(): RecordResult[] {
  const out: RecordResult[] = [];
  for (let k = 0; k < 300; k++) {
    const kind = k % 10;
    let body: string;
    if (kind === 3 && k > 10)
      body = out[k - 3]!.article!.body; // exact copy
    else if (kind === 8 && k > 10)
      body = out[k - 8]!.article!.body; // the same file given twice
    else if (kind === 5 && k > 10) {
      const w = out[k - 1]!.article!.body.split(' ');
      for (let c = 0; c < 3; c++) w[rand(w.length)] = 'كلمة';
      body = w.join(' '); // near copy of the one before, whose date is too long for its slot
    } else if (kind === 9) body = '';
    else body = Array.from({ length: 80 + rand(200) }, () => words[rand(words.length)]).join(' ');
    const identity = kind === 7 ? `https://example.org/same-${k % 3}` : `https://example.org/a/${k}`;
    const sourcePath = kind === 8 && k > 10 ? out[k - 8]!.article!.source_path : `crawl/${k}.html`;
    const published =
      kind === 8 && k > 10
        ? out[k - 8]!.article!.published
        : kind === 2
          ? null
          : kind === 4
            ? `2025-07-${String(10 + (k % 9)).padStart(2, '0')}T10:00:00+03:00 ${'x'.repeat(60)}`
            : `2025-07-${String(10 + (k % 9)).padStart(2, '0')}`;
    const sig = minhash(body);
    out.push({
      identity: kind === 8 && k > 10 ? out[k - 8]!.identity : identity,
      inputKey: sourcePath,
      article: { source_path: sourcePath, body, content_sha256: sha256Hex(body), published } as never,
      mentions: [],
      removed: [],
      errors: [],
      signature: sig[0] === 0xffffffff ? null : Array.from(sig),
      timings: {},
    });
  }
  return out;
}

/** The plan read the plain way, for comparison. */
function reference(recs: RecordResult[]): { ids: string[]; duplicateOf: Array<string | null> } {
  const count = new Map<string, number>();
  for (const r of recs) count.set(r.identity, (count.get(r.identity) ?? 0) + 1);
  const ids = recs.map((r) =>
    count.get(r.identity)! > 1
      ? collisionId(r.identity, r.article!.content_sha256, r.article!.source_path)
      : articleId(r.identity),
  );
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = recs
    .map((_, i) => i)
    .sort(
      (a, b) => cmp(ids[a]!, ids[b]!) || cmp(recs[a]!.article!.source_path, recs[b]!.article!.source_path),
    );
  // Ids may repeat (the same file twice): findDuplicates keys by id, so key by position here.
  const dup = findDuplicates(
    order.map((i, p) => ({
      id: `${ids[i]}#${p}`,
      contentSha256: recs[i]!.article!.content_sha256,
      published: recs[i]!.article!.published,
      signature: recs[i]!.signature,
    })),
  );
  return {
    ids: order.map((i) => ids[i]!),
    duplicateOf: order.map((i, p) => dup.get(`${ids[i]}#${p}`)?.split('#')[0] ?? null),
  };
}

describe('spool index and assembly plan', () => {
  const recs = records();

  it('keeps signatures, hashes, dates and band hashes on disk and reads them back exactly', () => {
    // Band blocks of 8 entries and 300 entries: many blocks on disk, a partial one in memory.
    const spool = new Spool(join(dir, 'a.jsonl'), 'w+', 8);
    for (const r of recs) spool.add(r);
    const ix = spool.entries;
    expect(ix.size).toBe(300);
    const band = new Uint32Array(300);
    for (let b = 0; b < BANDS; b++) {
      ix.bandHashes(b, band);
      recs.forEach((r, i) => {
        if (r.signature) expect(band[i]).toBe(bandHash(r.signature, b));
      });
    }
    recs.forEach((r, i) => {
      expect(ix.hasSignature(i)).toBe(r.signature !== null);
      if (r.signature) {
        expect(Array.from(ix.signature(i))).toEqual(r.signature);
        expect([ix.bit0Lo.get(i), ix.bit0Hi.get(i), ix.bit1Lo.get(i), ix.bit1Hi.get(i)]).toEqual(
          signatureSketch(r.signature),
        );
      }
      expect(ix.contentSha256(i)).toBe(r.article!.content_sha256);
      const p = r.article!.published;
      // Dates longer than the slot read as undefined: the plan reads them from the record.
      expect(ix.published(i)).toBe(p !== null && p.length > 63 ? undefined : p);
      expect(ix.id(i)).toBe(articleId(r.identity));
    });
    spool.entries.releaseSideFiles();
    expect(existsSync(join(dir, 'a.jsonl.aux'))).toBe(false);
    expect(existsSync(join(dir, 'a.jsonl.bands'))).toBe(false);
    expect(existsSync(join(dir, 'a.jsonl'))).toBe(true);
    spool.close();
  });

  it('lines keep every field of a record but its timings, and read back lines spool again alike', () => {
    const timed = recs.map((r) => ({ ...r, timings: { decode: 1.5, entities: 2.25 } }));
    const spool = new Spool(join(dir, 'lines.jsonl'), 'w+', 8);
    for (const r of timed) spool.add(r);
    const back = timed.map((_, i) => spool.readRecord(i));
    back.forEach((b, i) => {
      const { timings, ...rest } = timed[i]!;
      expect(Object.keys(timings).length).toBe(2);
      expect(b).toEqual(rest);
    });
    // A rerun spools the lines of the previous run's records: the same index entries.
    const again = new Spool(join(dir, 'again.jsonl'), 'w+', 8);
    for (const b of back) again.add(b);
    back.forEach((_, i) => {
      expect(again.entries.hasSignature(i)).toBe(spool.entries.hasSignature(i));
      if (spool.entries.hasSignature(i))
        expect(Array.from(again.entries.signature(i))).toEqual(Array.from(spool.entries.signature(i)));
      expect(again.entries.contentSha256(i)).toBe(spool.entries.contentSha256(i));
      expect(
        again.readLine({ offset: again.entries.offset.get(i), length: again.entries.length.get(i) }),
      ).toEqual(spool.readLine({ offset: spool.entries.offset.get(i), length: spool.entries.length.get(i) }));
    });
    // Or copies each line as it was read (Spool.addLine): the same bytes again.
    const copied = new Spool(join(dir, 'copied.jsonl'), 'w+', 8);
    back.forEach((b, i) => {
      const line = spool.readLine({
        offset: spool.entries.offset.get(i),
        length: spool.entries.length.get(i),
      });
      copied.addLine(b, line.subarray(0, line.length - 1));
    });
    expect(readFileSync(copied.path).equals(readFileSync(again.path))).toBe(true);
    expect(copied.entries.size).toBe(again.entries.size);
    spool.closeQuietly();
    again.closeQuietly();
    copied.closeQuietly();
  });

  it("packs a batch into one buffer of the lines' exact size, large batches and small ones after them", () => {
    const lineText = (r: RecordResult) => {
      const { timings: _t, ...kept } = r;
      return `${JSON.stringify(kept)}\n`;
    };
    // Over the 8 MB a worker keeps between batches (3 bytes a code unit): a buffer of its own.
    const huge = {
      ...recs[0]!,
      article: { ...recs[0]!.article!, body: 'قال وزير الخارجية '.repeat(200_000) },
    };
    const orphan: RecordResult = {
      ...recs[1]!,
      article: null,
      errors: [{ source_path: 'x', stage: 'read', message: 'm' }],
    };
    for (const batch of [
      [recs[2]!, huge, orphan, recs[3]!],
      recs.slice(0, 40),
      [orphan],
      recs.slice(40, 45),
    ]) {
      const packed = packBatch(batch);
      const lines = batch.map((r) => (r.article ? Buffer.from(lineText(r)) : null));
      const total = lines.reduce((n, l) => n + (l?.length ?? 0), 0);
      packed.forEach((p, i) => {
        const line = lines[i];
        if (!line) {
          expect(p.bytes).toBeNull();
          expect(p.orphan).toBe(batch[i]);
        } else expect(Buffer.from(p.bytes!).equals(line)).toBe(true);
      });
      // Every line in one ArrayBuffer (moved, not copied, to the main thread) of just their size.
      const buffers = new Set(packed.flatMap((p) => (p.bytes ? [p.bytes.buffer] : [])));
      expect(buffers.size).toBe(total > 0 ? 1 : 0);
      for (const b of buffers) expect(b.byteLength).toBe(total);
      // Spooled as a batch (one write) or record by record: the same file and the same entries.
      const batched = new Spool(join(dir, `batched-${batch.length}.jsonl`), 'w+', 8);
      const single = new Spool(join(dir, `single-${batch.length}.jsonl`), 'w+', 8);
      batched.addPackedBatch([...packBatch(batch), ...packBatch(batch.slice(0, 2))]);
      for (const r of [...batch, ...batch.slice(0, 2)]) single.addPacked(pack(r));
      expect(batched.entries.size).toBe(single.entries.size);
      for (let i = 0; i < single.entries.size; i++) {
        const e = { offset: single.entries.offset.get(i), length: single.entries.length.get(i) };
        expect([batched.entries.offset.get(i), batched.entries.length.get(i)]).toEqual([e.offset, e.length]);
        expect(batched.readLine(e).equals(single.readLine(e))).toBe(true);
      }
      expect(readFileSync(batched.path).equals(readFileSync(single.path))).toBe(true);
      batched.closeQuietly();
      single.closeQuietly();
    }
  });

  it('reads lines into one reused buffer, grows it for a longer line, and names a truncated spool', () => {
    const path = join(dir, 'into.jsonl');
    const spool = new Spool(path, 'w+', 8);
    for (const r of recs.slice(0, 20)) spool.add(r);
    const ix = spool.entries;
    const at = (i: number) => ({ offset: ix.offset.get(i), length: ix.length.get(i) });
    let buf: Buffer = Buffer.alloc(16); // shorter than any line: the first read grows it
    for (let i = 0; i < ix.size; i++) {
      buf = spool.readLineInto(at(i), buf);
      expect(buf.length).toBeGreaterThanOrEqual(at(i).length);
      expect(buf.subarray(0, at(i).length)).toEqual(spool.readLine(at(i)));
    }
    // A line that runs past the end of the file (a spool cut short) is an error naming the file.
    const last = at(ix.size - 1);
    expect(() => spool.readLineInto({ offset: last.offset, length: last.length + 10 }, buf)).toThrow(
      `${path} ended early at byte`,
    );
    spool.closeQuietly();
  });

  it('plans the same ids, order and duplicates as the plain reading, whatever the spool order', () => {
    const want = reference(recs);
    // The case the data must contain for the test to mean anything.
    expect(want.duplicateOf.filter((d) => d !== null).length).toBeGreaterThan(40);
    expect(new Set(want.ids).size).toBeLessThan(want.ids.length);
    for (const [name, order] of [
      ['as made', recs],
      ['reversed', [...recs].reverse()],
    ] as const) {
      const spool = new Spool(join(dir, `${name}.jsonl`), 'w+', 8);
      for (const r of order) spool.add(r);
      const plan = planAssembly(spool);
      const ids = Array.from(plan.order, (i) => spool.entries.id(i));
      const dup = Array.from(plan.rep, (p) => (p < 0 ? null : spool.entries.id(plan.order[p]!)));
      expect(ids, name).toEqual(want.ids);
      expect(dup, name).toEqual(want.duplicateOf);
      spool.closeQuietly();
    }
  });
});
