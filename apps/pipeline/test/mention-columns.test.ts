// Workers spool mentions as columns (mention-columns.ts); the assembly threads must get back exactly
// the rows the tagger gave, for real articles and for the rare shapes (a surface that is not the
// body's slice, roles, repeated entities).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnBatch, ColumnValues, DictionaryColumn } from '@akhbar/dataset';
import { compareCodeUnits } from '@akhbar/dataset';
import { describe, expect, it } from 'vitest';
import { mentionBatch, packMentions, withMentionColumns } from '../src/mention-columns.js';
import { processTask } from '../src/process.js';
import type { MentionRow, RecordResult } from '../src/rows.js';

const FIELDS = [
  'article_id',
  'entity_id',
  'type',
  'surface',
  'canonical_ar',
  'canonical_en',
  'start',
  'end',
  'method',
  'confidence',
  'role',
] as const;

/** A batch's rows as objects (a column left out is null), to compare with the tagger's rows. */
function batchRows(batch: ColumnBatch<'mentions'>): MentionRow[] {
  const cols = batch.columns as Record<string, ColumnValues | undefined>;
  const value = (c: ColumnValues | undefined, r: number) =>
    c === undefined ? null : 'codes' in c ? (c as DictionaryColumn).values[c.codes[r]!] : c[r];
  return Array.from(
    { length: batch.rows },
    (_, r) => Object.fromEntries(FIELDS.map((f) => [f, value(cols[f], r)])) as unknown as MentionRow,
  );
}

/** The order of the mentions table within an article. */
const byPosition = (x: MentionRow, y: MentionRow) =>
  x.start - y.start || x.end - y.end || compareCodeUnits(x.entity_id, y.entity_id);

function record(body: string, mentions: MentionRow[]): RecordResult {
  return { article: { body } as RecordResult['article'], mentions } as RecordResult;
}

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
      const expected = r.mentions.map((m) => ({ ...m, article_id: id })).sort(byPosition);
      const { batch, entityIds } = mentionBatch(back, id);
      expect(batchRows(batch)).toEqual(expected);
      expect(entityIds).toEqual([...new Set(expected.map((m) => m.entity_id))].sort());
      // Records from in-process runs keep their rows: the same batch.
      expect(mentionBatch(r, id).batch).toEqual(batch);
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
    expect(batchRows(mentionBatch({ ...record(body, []), mentionColumns: c }, 'a').batch)).toEqual(rows);
    // Without roles the role column is left out and every role comes back null.
    const noRole = rows.map((m) => ({ ...m, role: null }));
    const c2 = packMentions(body, noRole);
    expect(c2.r).toBeUndefined();
    expect(batchRows(mentionBatch({ ...record(body, []), mentionColumns: c2 }, 'a').batch)).toEqual(noRole);
  });

  it('sort by start, end, then entity_id (code units), keeping equal mentions in their order', () => {
    const body = 'ab';
    const m = (entity_id: string, start: number, end: number, method: string): MentionRow => ({
      article_id: 'x',
      entity_id,
      type: 'ORG',
      surface: body.slice(start, end),
      canonical_ar: 'ع',
      canonical_en: entity_id,
      start,
      end,
      method,
      confidence: 1,
      role: null,
    });
    const rows = [
      m('b', 1, 2, 'm1'),
      m('a', 0, 2, 'm2'),
      m('Z', 0, 2, 'm3'),
      m('a', 0, 1, 'm4'),
      m('a', 0, 2, 'm5'),
    ];
    const packed = JSON.parse(JSON.stringify(withMentionColumns(record(body, rows))));
    const { batch, entityIds } = mentionBatch(packed, 'x');
    expect(batchRows(batch).map((r) => r.method)).toEqual(['m4', 'm3', 'm2', 'm5', 'm1']);
    expect(entityIds).toEqual(['Z', 'a', 'b']);
  });

  it('leave records without mentions or articles as they are', () => {
    const r = processTask({ sourcePath: 'e', identity: 'e', inputKey: 'e', kind: 'text', text: '' }, opts);
    expect(withMentionColumns(r)).toBe(r);
  });
});
