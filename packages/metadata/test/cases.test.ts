import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArticleMetadata, extractMetadata, type MetadataInput } from '../src/index.js';

interface Case {
  id: string;
  pattern: string;
  style: string;
  constructed: boolean;
  input: MetadataInput;
  expected: Partial<ArticleMetadata>;
}

const file = join(__dirname, '../../../fixtures/metadata/cases.json');
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };
const code = (w: string) => w.split(':')[0];

describe('constructed dateline and date fixtures', () => {
  it('has at least 40 labelled, constructed cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.pattern, c.id).toBeTruthy();
      expect(c.constructed, c.id).toBe(true);
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.pattern}`, () => {
      const got = extractMetadata(c.input);
      for (const [field, want] of Object.entries(c.expected)) {
        const have = got[field as keyof ArticleMetadata];
        if (field === 'warnings') expect((have as string[]).map(code), field).toEqual(want);
        else expect(have, field).toEqual(want);
      }
      if (got.dateline)
        expect(c.input.body.slice(got.dateline.start, got.dateline.end)).toBe(got.dateline.surface);
    });
  }
});
