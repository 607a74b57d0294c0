import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagEntities } from '../src/index.js';
import type { ExpectedMention as Expected } from './expected.js';

const dir = join(__dirname, '..', '..', '..', 'fixtures', 'expected');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('seed articles: every hand-written mention, nothing more', () => {
  it('has the five seeds', () => expect(seeds.length).toBe(5));
  for (const f of seeds) {
    const fixture = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { body: string; mentions: Expected[] };
    it(f, () => {
      const got = tagEntities(fixture.body).map((m) => ({
        entity_id: m.entityId,
        type: m.type,
        surface: m.surface,
        canonical_ar: m.canonicalAr,
        canonical_en: m.canonicalEn,
        start: m.start,
        end: m.end,
        method: m.method,
        ...(m.role ? { role: m.role } : {}),
      }));
      const want = fixture.mentions.map(({ why: _why, ...m }: Expected) => m);
      expect(got).toEqual(want);
    });
    it(`${f}: every fixture span slices to its surface`, () => {
      for (const m of fixture.mentions) expect(fixture.body.slice(m.start, m.end)).toBe(m.surface);
      for (const m of tagEntities(fixture.body)) expect(fixture.body.slice(m.start, m.end)).toBe(m.surface);
    });
  }
});
