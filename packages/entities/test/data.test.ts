import { describe, expect, it } from 'vitest';
import { compileData } from '../scripts/build-data.js';
import { BUILT_IN_ENTRIES_JSON, STOP_PHRASES } from '../src/data.generated.js';
import { builtInGazetteer } from '../src/index.js';

describe('built-in gazetteer data', () => {
  it('src/data.generated.ts is up to date with data/ (run `pnpm gen` after editing data/)', () => {
    const { entries, stops } = compileData();
    expect(JSON.parse(BUILT_IN_ENTRIES_JSON)).toEqual(entries);
    expect(STOP_PHRASES).toEqual(stops);
  });
  it('has unique ids in the per:/org:/loc: scheme that match their type', () => {
    const entries = builtInGazetteer();
    const prefix = { PERSON: 'per:', ORG: 'org:', LOC: 'loc:' } as const;
    for (const e of entries) {
      expect(e.id).toMatch(/^(per|org|loc):[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.id.startsWith(prefix[e.type])).toBe(true);
    }
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
  it('points context ids at entities that exist', () => {
    const entries = builtInGazetteer();
    const ids = new Set(entries.map((e) => e.id));
    for (const e of entries) for (const c of e.context) expect(ids.has(c), `${e.id} -> ${c}`).toBe(true);
  });
});
