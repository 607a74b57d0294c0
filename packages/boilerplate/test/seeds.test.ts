import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripText } from '../src/index.js';

const root = join(__dirname, '../../../fixtures');
const seeds = readdirSync(join(root, 'raw')).filter((f) => f.endsWith('.txt'));

interface Expected {
  body: string;
  title: string | null;
  removed: Array<{ rule: string; kind: string; text: string; start: number; end: number }>;
}

describe('stripText on the five seeds', () => {
  it('has five seeds', () => expect(seeds.length).toBe(5));
  for (const f of seeds) {
    const raw = readFileSync(join(root, 'raw', f), 'utf8');
    const expected = JSON.parse(
      readFileSync(join(root, 'expected', f.replace('.txt', '.json')), 'utf8'),
    ) as Expected;
    const r = stripText(raw);
    it(`${f}: body equals the hand-written body`, () => expect(r.body).toBe(expected.body));
    it(`${f}: removals equal the hand-checked list`, () =>
      expect(r.removed.map(({ rule, kind, text, start, end }) => ({ rule, kind, text, start, end }))).toEqual(
        expected.removed,
      ));
    it(`${f}: every removal is a span of the raw input`, () => {
      expect(r.source).toBe(raw);
      for (const x of r.removed) expect(raw.slice(x.start, x.end)).toBe(x.text);
    });
    it(`${f}: the headline is offered as a title candidate, or none is`, () => {
      const headline = r.titleCandidates.find((c) => c.source === 'text-headline');
      expect(headline?.text ?? null).toBe(expected.title);
    });
    it(`${f}: every body paragraph is a verbatim span of the raw input, blocks tile the body`, () => {
      for (const p of r.body.split('\n\n')) expect(raw.includes(p)).toBe(true);
      for (const b of r.blocks) expect(b.end).toBeGreaterThan(b.start);
      expect(r.blocks.at(-1)?.end).toBe(r.body.length);
    });
    it(`${f}: nothing is lost: body and removals account for every non-blank line`, () => {
      const kept =
        r.body.replace(/\s+/g, '').length +
        r.removed.reduce((n, x) => n + x.text.replace(/\s+/g, '').length, 0);
      expect(kept).toBe(raw.replace(/\s+/g, '').length);
    });
  }

  it('passes metadata lines on to page.metaLines', () => {
    const r1 = stripText(readFileSync(join(root, 'raw', seeds.find((f) => f.startsWith('001'))!), 'utf8'));
    expect(r1.page.metaLines).toEqual([
      { rule: 'date-bullet', text: '3/24/2021' },
      { rule: 'time-bullet', text: '00:00' },
    ]);
    const r2 = stripText(readFileSync(join(root, 'raw', seeds.find((f) => f.startsWith('002'))!), 'utf8'));
    expect(r2.page.metaLines).toEqual([
      { rule: 'source-timestamp', text: '/مصدر: شينخوا/\u00a0\u00a0\u00a02025:07:11.09:45' },
    ]);
  });

  it("marks seed 001's flattened subheadings as heading blocks without changing the body", () => {
    const raw = readFileSync(join(root, 'raw', seeds.find((f) => f.startsWith('001'))!), 'utf8');
    const r = stripText(raw);
    const headings = r.blocks.filter((b) => b.kind === 'heading').map((b) => r.body.slice(b.start, b.end));
    expect(headings).toEqual(['تواصل وتنسيق استراتيجيان', 'حوكمة عالمية']);
    expect(r.warnings.filter((w) => w.startsWith('flattened subheading'))).toHaveLength(2);
  });

  it('finds no flattened subheading in the other seeds', () => {
    for (const f of seeds.filter((s) => !s.startsWith('001'))) {
      const r = stripText(readFileSync(join(root, 'raw', f), 'utf8'));
      expect(r.blocks.filter((b) => b.kind === 'heading')).toEqual([]);
    }
  });
});
