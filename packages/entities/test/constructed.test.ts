import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagEntities } from '../src/index.js';
import type { ExpectedMention as Expected } from './expected.js';

interface Sentence {
  id: string;
  tests: string;
  constructed: true;
  text: string;
  why: string;
  mentions: Expected[];
}

const file = join(__dirname, '..', '..', '..', 'fixtures', 'entities', 'constructed.json');
const { sentences } = JSON.parse(readFileSync(file, 'utf8')) as { sentences: Sentence[] };

describe('constructed sentences (fixtures/entities/constructed.json)', () => {
  it('has at least 40 labelled sentences covering every category', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(40);
    const cats = new Set(sentences.map((s) => s.tests));
    for (const c of ['clitics', 'variants', 'coreference', 'discovery', 'false-friends', 'nationality']) {
      expect(cats.has(c), c).toBe(true);
    }
    for (const s of sentences) {
      expect(s.constructed).toBe(true);
      expect(s.why.length).toBeGreaterThan(10);
    }
  });
  for (const s of sentences) {
    it(`${s.tests}: ${s.id}`, () => {
      for (const m of s.mentions) expect(s.text.slice(m.start, m.end)).toBe(m.surface);
      const got = tagEntities(s.text);
      for (const m of got) expect(s.text.slice(m.start, m.end)).toBe(m.surface);
      const key = (m: { start: number; end: number; type: string }, id: string) =>
        `${id} ${m.type} ${m.start}-${m.end}`;
      expect(got.map((m) => key(m, m.entityId)).sort()).toEqual(
        s.mentions.map((m) => key(m, m.entity_id)).sort(),
      );
      for (const want of s.mentions) {
        const m = got.find((g) => g.start === want.start && g.end === want.end)!;
        expect(m.canonicalAr).toBe(want.canonical_ar);
        expect(m.canonicalEn).toBe(want.canonical_en);
        if (want.method) expect(m.method).toBe(want.method);
        if (want.role) expect(m.role).toBe(want.role);
      }
    });
  }
});
