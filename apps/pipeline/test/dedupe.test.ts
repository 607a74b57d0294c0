// Exact and near duplicates: a syndicated Xinhua story (seed 002) republished with other furniture
// is a near duplicate; the five different seeds are not duplicates of each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countWords, normalizeKey, tokenize } from '@akhbar/text';
import { describe, expect, it } from 'vitest';
import {
  bodySignature,
  findDuplicates,
  isNear,
  minhash,
  NEAR_THRESHOLD,
  NUM_HASHES,
  signatureSketch,
  similarity,
  sketchesMayBeNear,
  wordsSignature,
} from '../src/dedupe.js';
import { sha256Hex } from '../src/ids.js';
import { indexes, orderByKey, orderByKey64 } from '../src/radix.js';
import { createTagger, stripText } from '../src/stages.js';
import { RAW, SEEDS } from './helpers.js';

const raw = SEEDS.map((s) => readFileSync(join(RAW, s), 'utf8'));
const bodies = raw.map((r) => stripText(r).body);

/** Seed 002 as another site would carry it: other breadcrumb, share bar, related links, a credit line. */
function syndicated(text: string): string {
  const lines = text.split('\n');
  return [
    'الرئيسية > أخبار العالم > آسيا',
    ...lines.slice(3, lines.length - 6),
    'شارك هذا الخبر: فيسبوك | تويتر | واتساب',
    'اقرأ أيضا: الصين وماليزيا توقعان اتفاقيات تعاون',
    '(المصدر: وكالة أنباء شينخوا)',
  ].join('\n');
}

const item = (id: string, body: string, published: string | null = null) => ({
  id,
  contentSha256: sha256Hex(body),
  published,
  signature: minhash(body),
});

describe('duplicates', () => {
  it('the seeds are not near duplicates of each other', () => {
    for (let i = 0; i < bodies.length; i++)
      for (let j = i + 1; j < bodies.length; j++)
        expect(similarity(minhash(bodies[i]!), minhash(bodies[j]!))).toBeLessThan(0.3);
    const dup = findDuplicates(bodies.map((b, i) => item(`s${i}`, b)));
    expect([...dup.values()].every((v) => v === null)).toBe(true);
  });

  it('a syndicated copy of seed 002 with different furniture is a near duplicate of it', () => {
    const copy = stripText(syndicated(raw[2]!)).body;
    expect(copy).not.toBe(bodies[2]);
    expect(similarity(minhash(copy), minhash(bodies[2]!))).toBeGreaterThanOrEqual(NEAR_THRESHOLD);
    const dup = findDuplicates([
      ...bodies.map((b, i) => item(`s${i}`, b, '2025-07-10')),
      item('copy', copy, '2025-07-11'),
    ]);
    expect(dup.get('copy')).toBe('s2');
    expect(dup.get('s2')).toBeNull();
  });

  it('exact duplicates point at the earliest published copy, else the smallest id', () => {
    const b = bodies[0]!;
    const dup = findDuplicates([item('b', b, '2021-01-01'), item('a', b, '2021-01-02'), item('c', b, null)]);
    expect(dup.get('b')).toBeNull();
    expect(dup.get('a')).toBe('b');
    expect(dup.get('c')).toBe('b');
    const undated = findDuplicates([item('z', b), item('y', b)]);
    expect(undated.get('y')).toBeNull();
    expect(undated.get('z')).toBe('y');
  });

  it('the answer does not depend on input order', () => {
    const copy = stripText(syndicated(raw[2]!)).body;
    const items = [...bodies.map((b, i) => item(`s${i}`, b)), item('copy', copy), item('dup0', bodies[0]!)];
    const a = findDuplicates(items);
    const b = findDuplicates([...items].reverse());
    expect(Object.fromEntries([...b].sort())).toEqual(Object.fromEntries([...a].sort()));
  });

  it('estimates Jaccard similarity of word 4-shingles within 0.15, long and short bodies alike', () => {
    // Ground truth computed here the slow way: the set of normalized word 4-shingles.
    const shingles = (t: string) => {
      const w = tokenize(normalizeKey(t))
        .filter((x) => x.kind !== 'punct' && x.kind !== 'symbol')
        .map((x) => x.text);
      return new Set(w.slice(0, Math.max(1, w.length - 3)).map((_, i) => w.slice(i, i + 4).join(' ')));
    };
    const jaccard = (a: string, b: string) => {
      const x = shingles(a);
      const y = shingles(b);
      const inter = [...x].filter((s) => y.has(s)).length;
      return inter / (x.size + y.size - inter);
    };
    const words = bodies[1]!.split(/\s+/);
    const pairs: Array<[string, string]> = [];
    // Long: the body against itself with its last 10%, 30%, 50% replaced by another seed's words.
    for (const cut of [0.9, 0.7, 0.5]) {
      const keep = Math.round(words.length * cut);
      pairs.push([
        bodies[1]!,
        [...words.slice(0, keep), ...bodies[3]!.split(/\s+/).slice(0, words.length - keep)].join(' '),
      ]);
    }
    // Short (under 64 shingles: bins are filled by densification): 30 words, with 3 changed.
    const short = words.slice(0, 30);
    pairs.push([short.join(' '), [...short.slice(0, 27), 'كلمة', 'أخرى', 'هنا'].join(' ')]);
    for (const [a, b] of pairs) {
      const est = similarity(minhash(a), minhash(b));
      expect(Math.abs(est - jaccard(a, b)), `estimate ${est} vs ${jaccard(a, b)}`).toBeLessThanOrEqual(0.15);
    }
    // A short body gets a full signature (no empty bins).
    expect([...minhash(short.join(' '))].every((v) => v !== 0xffffffff)).toBe(true);
  });

  it("the tagger's word hashes give the signature and word count of the body's own pass", () => {
    const tagger = createTagger();
    // Seeds, a body of marks and odd units alone, and one over MAX_SHINGLES words (the cap applies alike).
    const long = Array.from({ length: 9 }, () => bodies.join('\n')).join('\n');
    for (const body of [...bodies, '\u064e\u0640 .. \ud83d\ude00 ﻻ', '', long]) {
      const { wordHashes } = tagger.analyze(body);
      const want = bodySignature(body);
      expect(Array.from(wordsSignature(wordHashes))).toEqual(Array.from(want.signature));
      expect(wordHashes.length).toBe(want.words);
      expect(want.words).toBe(countWords(body));
    }
    expect(countWords(long)).toBeGreaterThan(20_004);
  });

  it('signatures are deterministic and empty text has none', () => {
    expect(Array.from(minhash(bodies[1]!))).toEqual(Array.from(minhash(bodies[1]!)));
    expect(minhash('')[0]).toBe(0xffffffff);
  });

  it('isNear (early exit) agrees with similarity >= NEAR_THRESHOLD at and around the threshold', () => {
    const a = minhash(bodies[1]!);
    for (let same = 0; same <= NUM_HASHES; same++) {
      // b equals a in `same` positions spread over the signature, differs elsewhere.
      const b = Uint32Array.from(a, (v, k) => ((k * 37) % NUM_HASHES < same ? v : v ^ 1));
      expect(isNear(a, b), `${same} equal`).toBe(similarity(a, b) >= NEAR_THRESHOLD);
    }
    expect(isNear(a, a)).toBe(true);
  });

  it('the in-memory sketch filter never rejects a near pair, and rejects unrelated and merely similar bodies', () => {
    const a = minhash(bodies[1]!);
    const ska = signatureSketch(a);
    // Differing values with random low bits: the filter must still pass every pair isNear accepts.
    const mask = (k: number, salt: number) => {
      let h = Math.imul(k ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return (h ^ (h >>> 16) ^ 0x100) >>> 0; // never 0: the value does differ
    };
    const differing = (same: number, salt: number) =>
      Uint32Array.from(a, (v, k) => ((k * 37) % NUM_HASHES < same ? v : (v ^ mask(k, salt)) >>> 0));
    for (let same = 0; same <= NUM_HASHES; same++) {
      const b = differing(same, 0);
      if (isNear(a, b)) expect(sketchesMayBeNear(...ska, ...signatureSketch(b)), `${same} equal`).toBe(true);
    }
    // The five seeds are unrelated: most pairs are rejected without comparing signatures.
    const sk = bodies.map((x) => signatureSketch(minhash(x)));
    let rejected = 0;
    for (let i = 0; i < sk.length; i++)
      for (let j = i + 1; j < sk.length; j++) if (!sketchesMayBeNear(...sk[i]!, ...sk[j]!)) rejected++;
    expect(rejected).toBeGreaterThanOrEqual(8);
    // Half the values equal (similarity 0.5, below NEAR_THRESHOLD): one low bit a value agrees in
    // about 48 of 64 positions and would let most such pairs through; two bits agree in about 40.
    let passed = 0;
    for (let salt = 0; salt < 200; salt++)
      if (sketchesMayBeNear(...ska, ...signatureSketch(differing(NUM_HASHES / 2, salt * 7919)))) passed++;
    expect(passed).toBeLessThan(20);
  });

  it('radix ordering equals a comparator sort by key, ties in input order, for 32- and 64-bit keys', () => {
    let x = 12345;
    const rand = () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x;
    };
    const n = 5000;
    // Few distinct keys (and the extremes), so ties are many; plus full-range keys for the high digit.
    const small = Uint32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 0xffffffff : rand() % 64));
    const wide = Uint32Array.from({ length: n }, () => rand());
    const items = Int32Array.from({ length: n }, (_, i) => n - 1 - i).filter((i) => i % 7 !== 3);
    const pos = new Map(Array.from(items, (it, k) => [it, k]));
    for (const keys of [small, wide]) {
      const radix = Array.from(orderByKey(items, (i) => keys[i]!));
      const sorted = Array.from(items).sort((a, b) => keys[a]! - keys[b]! || pos.get(a)! - pos.get(b)!);
      expect(radix).toEqual(sorted);
    }
    const r64 = Array.from(
      orderByKey64(
        items,
        (i) => small[i]!,
        (i) => wide[i]!,
      ),
    );
    const s64 = Array.from(items).sort(
      (a, b) => small[a]! - small[b]! || wide[a]! - wide[b]! || pos.get(a)! - pos.get(b)!,
    );
    expect(r64).toEqual(s64);
    expect(Array.from(orderByKey(indexes(0), () => 0))).toEqual([]);
  });
});
