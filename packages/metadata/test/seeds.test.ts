import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../src/index.js';

const dir = join(__dirname, '../../../fixtures/expected');
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));

const code = (w: string) => w.split(':')[0];

describe('the five seeds match their hand-checked metadata', () => {
  it('has all five seeds with a metadata key', () => {
    expect(seeds).toHaveLength(5);
    for (const s of seeds) expect(s.metadata, s.name).toBeDefined();
  });

  for (const s of seeds) {
    it(s.name, () => {
      const exp = s.metadata;
      const got = extractMetadata({ body: s.body, ...exp.input });
      expect(got.title).toBe(exp.title);
      expect(got.published).toBe(exp.published);
      expect(got.published_source).toBe(exp.published_source);
      expect(got.weekday).toBe(exp.weekday);
      expect(got.dateline).toEqual(exp.dateline);
      expect(got.agency).toEqual(exp.agency);
      expect(got.credits).toEqual(exp.credits);
      expect(got.byline).toBe(exp.byline);
      expect(got.warnings.map(code)).toEqual(exp.warnings.map(code));
      if (exp.date_candidates) expect(got.date_candidates).toEqual(exp.date_candidates);
      // The title agrees with the boilerplate stage's hand-checked title.
      expect(got.title).toBe(s.title);
    });
  }

  it('keeps every span a slice of the body', () => {
    for (const s of seeds) {
      const got = extractMetadata({ body: s.body, ...s.metadata.input });
      if (got.dateline) expect(s.body.slice(got.dateline.start, got.dateline.end)).toBe(got.dateline.surface);
      for (const p of Object.values(got.provenance)) {
        if (p.source === 'body' && p.start !== undefined) expect(s.body.slice(p.start, p.end)).toBe(p.text);
      }
    }
  });

  it('explains why the dateline beats the aggregator date in seed 001', () => {
    const s = seeds.find((x) => x.name.startsWith('001'))!;
    const got = extractMetadata({ body: s.body, ...s.metadata.input });
    expect(got.provenance['published']?.note).toMatch(/agency's own date/);
    expect(got.date_candidates.map((c) => [c.source, c.value])).toEqual([
      ['dateline', '2021-03-23'],
      ['page-timestamp', '2021-03-24'],
    ]);
  });

  it('is deterministic', () => {
    for (const s of seeds) {
      const a = JSON.stringify(extractMetadata({ body: s.body, ...s.metadata.input }));
      const b = JSON.stringify(extractMetadata({ body: s.body, ...s.metadata.input }));
      expect(a).toBe(b);
    }
  });
});
