// Workers spool mentions as columns (mention-columns.ts); the assembly threads must get back exactly
// the rows the tagger gave, for real articles and for the rare shapes (a surface that is not the
// body's slice, roles, repeated entities).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mentionsOf, packMentions, unpackMentions, withMentionColumns } from '../src/mention-columns.js';
import { processTask } from '../src/process.js';
import type { MentionRow } from '../src/rows.js';

const RAW = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'raw');
const opts = { pipelineVersion: 'test', maxBytes: 64 * 1024 * 1024 };

describe('mention columns', () => {
  it('give back every seed article’s mentions exactly, through JSON', () => {
    let total = 0;
    let roles = 0;
    for (const name of readdirSync(RAW).filter((f) => f.endsWith('.txt'))) {
      const r = processTask(
        { sourcePath: name, identity: name, inputKey: name, kind: 'text', path: join(RAW, name) },
        opts,
      );
      expect(r.article).not.toBeNull();
      const packed = withMentionColumns(r);
      expect(packed.mentions).toEqual([]);
      const back = JSON.parse(JSON.stringify(packed));
      const id = 'final-id';
      const expected = r.mentions.map((m) => ({ ...m, article_id: id }));
      expect(mentionsOf(back, id)).toEqual(expected);
      total += expected.length;
      roles += expected.filter((m) => m.role !== null).length;
    }
    // The seeds have mentions and at least one role (the agency of a dateline), so both paths ran.
    expect(total).toBeGreaterThan(20);
    expect(roles).toBeGreaterThan(0);
  });

  it('keep a surface that differs from the body slice, and nulls', () => {
    const body = 'قال وانغ يي في بكين';
    const rows: MentionRow[] = [
      {
        article_id: 'a',
        entity_id: 'Q-wang-yi',
        type: 'PERSON',
        surface: 'وانغ يي',
        canonical_ar: 'وانغ يي',
        canonical_en: 'Wang Yi',
        start: 4,
        end: 11,
        method: 'gazetteer',
        confidence: 0.99,
        role: null,
      },
      {
        article_id: 'a',
        entity_id: 'loc:beijing',
        type: 'LOC',
        surface: 'بِكين',
        canonical_ar: 'بكين',
        canonical_en: 'Beijing',
        start: 15,
        end: 19,
        method: 'pattern',
        confidence: 0.5,
        role: 'dateline',
      },
    ];
    const c = JSON.parse(JSON.stringify(packMentions(body, rows)));
    expect(unpackMentions(body, c, 'a')).toEqual(rows);
    // Without roles the role column is left out and every role comes back null.
    const noRole = rows.map((m) => ({ ...m, role: null }));
    const c2 = packMentions(body, noRole);
    expect(c2.r).toBeUndefined();
    expect(unpackMentions(body, c2, 'a')).toEqual(noRole);
  });

  it('leave records without mentions or articles as they are', () => {
    const r = processTask({ sourcePath: 'e', identity: 'e', inputKey: 'e', kind: 'text', text: '' }, opts);
    expect(withMentionColumns(r)).toBe(r);
  });
});
