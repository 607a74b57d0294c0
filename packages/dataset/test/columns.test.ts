// writeColumns must be write() by another road: the same bytes in every format, the same checks and
// messages, whichever columns are dictionary-coded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ArticleRow,
  type ColumnBatch,
  type ColumnValues,
  concatColumnBatches,
  createEntityAccumulator,
  type MentionRow,
  openTableWriters,
  type RowTypes,
  SCHEMA,
  type TableName,
} from '../src/index.js';
import {
  hostileArticle,
  readJsonl,
  sampleErrors,
  sampleMentions,
  sampleRemoved,
  seedArticles,
  tempDir,
} from './helpers.js';

/** Rows as a column batch; the named columns coded over their distinct values (in first-seen order). */
function asColumns<T extends TableName>(table: T, rows: RowTypes[T][], coded: string[] = []): ColumnBatch<T> {
  const columns: Record<string, ColumnValues> = {};
  for (const col of SCHEMA[table].columns) {
    const values = rows.map((r) => (r as unknown as Record<string, unknown>)[col.name] ?? null);
    if (!coded.includes(col.name)) {
      columns[col.name] = values;
      continue;
    }
    const distinct: unknown[] = [];
    const codes = values.map((v) => {
      let i = distinct.indexOf(v);
      if (i < 0) i = distinct.push(v) - 1;
      return i;
    });
    columns[col.name] = { values: distinct, codes: Int32Array.from(codes) };
  }
  return { rows: rows.length, columns } as ColumnBatch<T>;
}

/** Every file under dir (recursively), relative path -> bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out.set(path.slice(dir.length), readFileSync(path));
    }
  }
  return out;
}

const articles = () => [...seedArticles(), hostileArticle()];

describe('writeColumns', () => {
  it('writes the same bytes as write() in every format, coded or not, in one batch or several', async () => {
    const arts = articles();
    const mentions = sampleMentions(arts);
    const byRows = await tempDir();
    const w = await openTableWriters(byRows, { partRows: 4 });
    await w.write('articles', arts);
    await w.write('mentions', mentions);
    await w.write('removed', sampleRemoved);
    await w.write('errors', sampleErrors);
    await w.close();

    const byColumns = await tempDir();
    const c = await openTableWriters(byColumns, { partRows: 4 });
    await c.writeColumns(
      'articles',
      asColumns('articles', arts.slice(0, 2), ['site', 'agency', 'published']),
    );
    // Rows and columns interleave, in order.
    await c.write('articles', arts.slice(2, 3));
    await c.writeColumns('articles', asColumns('articles', arts.slice(3)));
    const coded = ['article_id', 'entity_id', 'type', 'canonical_ar', 'canonical_en', 'method', 'role'];
    await c.writeColumns(
      'mentions',
      concatColumnBatches([
        asColumns('mentions', mentions.slice(0, 3), coded),
        asColumns('mentions', mentions.slice(3, 5)),
        asColumns('mentions', mentions.slice(5), coded),
      ]),
    );
    await c.writeColumns('removed', asColumns('removed', sampleRemoved, ['rule', 'kind']));
    await c.writeColumns('errors', asColumns('errors', sampleErrors, ['stage']));
    const summary = await c.close();
    expect(summary.mentions.rows).toBe(mentions.length);

    const a = files(byRows);
    const b = files(byColumns);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
    // The files hold every row (the comparison above is not of two empty tables).
    expect(readJsonl(join(byColumns, 'mentions.jsonl')).length).toBe(mentions.length);
  });

  it('refuses a bad value with the message write() gives, at the first row that has it, and writes none of the batch', async () => {
    const dir = await tempDir();
    const w = await openTableWriters(dir);
    const arts = articles();
    const mentions = sampleMentions(arts);
    const message = async (rows: MentionRow[], coded: string[]) => {
      const viaRows = await w.write('mentions', rows).then(
        () => null,
        (e: Error) => e.message,
      );
      const viaColumns = await w.writeColumns('mentions', asColumns('mentions', rows, coded)).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(viaColumns).toBe(viaRows);
      return viaColumns;
    };
    const bad = mentions.map((m, i) => (i === 2 ? { ...m, entity_id: 7 as unknown as string } : m));
    expect(await message(bad, ['entity_id'])).toMatch(/mentions row 2: column 'entity_id' must be a string/);
    expect(await message(bad, [])).toMatch(/mentions row 2/);
    const backwards = mentions.map((m, i) => (i === 1 ? { ...m, end: m.start - 1 } : m));
    expect(await message(backwards, ['start'])).toMatch(/mentions row 1: column 'end' must satisfy/);
    const noType = mentions.map((m, i) => (i === 3 ? { ...m, type: null as unknown as 'ORG' } : m));
    expect(await message(noType, ['type'])).toMatch(/row 3: column 'type' is required/);
    const arts2 = arts.map((a, i) => (i === 1 ? { ...a, published: '23/03/2021' } : a));
    await expect(w.writeColumns('articles', asColumns('articles', arts2, ['published']))).rejects.toThrow(
      /articles row 1: column 'published' must be ISO 8601/,
    );

    const one = asColumns('mentions', mentions.slice(0, 2), ['type']);
    await expect(
      w.writeColumns('mentions', {
        ...one,
        columns: { ...one.columns, type: { values: ['ORG'], codes: [0, 1] } },
      }),
    ).rejects.toThrow(/mentions row 1: column 'type' has code 1, outside its 1 values/);
    await expect(
      w.writeColumns('mentions', { ...one, columns: { ...one.columns, start: [0] } }),
    ).rejects.toThrow(/column 'start' has 1 values for 2 rows/);
    await expect(
      w.writeColumns('mentions', { ...one, columns: { ...one.columns, nope: [1, 2] } as never }),
    ).rejects.toThrow(/mentions has no column 'nope'/);
    // A required column left out is null in every row.
    const { type: _, ...untyped } = one.columns;
    await expect(w.writeColumns('mentions', { rows: 2, columns: untyped })).rejects.toThrow(
      /mentions row 0: column 'type' is required/,
    );

    // Nothing of the refused batches was written; a good batch still is.
    await w.writeColumns('mentions', asColumns('mentions', mentions, ['entity_id']));
    const summary = await w.close();
    expect(summary.mentions.rows).toBe(mentions.length);
    expect(readJsonl(join(dir, 'mentions.jsonl')).length).toBe(mentions.length);
  });

  it('computes derived columns and ignores a given one, as write() ignores it in a row object', async () => {
    const arts = articles();
    const a = await tempDir();
    const w = await openTableWriters(a, { formats: ['jsonl'], tables: ['articles'] });
    await w.writeColumns('articles', {
      ...asColumns('articles', arts),
      columns: { ...asColumns('articles', arts).columns, published_date: arts.map(() => 'junk') } as never,
    });
    await w.close();
    expect(readJsonl(join(a, 'articles.jsonl')).map((r) => r.published_date)).toEqual(
      arts.map((x) => x.published?.slice(0, 10) ?? null),
    );
  });
});

describe('createEntityAccumulator.addColumns', () => {
  it('gives the same rows as add() with row objects', () => {
    const arts = articles();
    const mentions = sampleMentions(arts);
    mentions.push({ ...(mentions[0] as MentionRow), canonical_en: 'PRC' });
    const of = (a: ArticleRow) => mentions.filter((m) => m.article_id === a.article_id);
    const rows = createEntityAccumulator();
    const cols = createEntityAccumulator();
    for (const a of arts) {
      rows.add(a, of(a));
      cols.addColumns(a, asColumns('mentions', of(a), ['entity_id', 'canonical_en', 'article_id']));
    }
    expect(cols.rows()).toEqual(rows.rows());
    expect(cols.rows().length).toBe(3);
    expect(() =>
      createEntityAccumulator().addColumns(
        { article_id: 'x', published: null },
        asColumns('mentions', mentions),
      ),
    ).toThrow(/belongs to article/);
  });
});

describe('concatColumnBatches', () => {
  /** Each row's value of a joined column. */
  const valuesOf = (v: ColumnValues | undefined, rows: number): unknown[] => {
    if (v === undefined) return new Array(rows).fill(null);
    if ('codes' in v) return Array.from(v.codes, (c) => v.values[c]);
    return Array.from(v);
  };

  it('keeps one shared dictionary when some batches leave the column out, without copying it per batch', () => {
    // A range's mentions: every batch coded over one growing table whose code 0 is null; the optional
    // role column only where an article has one.
    const table: Array<string | null> = [null, 'وزير الخارجية', 'الرئيس', 'رئيس الوزراء'];
    const batch = (roles: number[] | undefined): ColumnBatch<'mentions'> => ({
      rows: 2,
      columns: roles ? { role: { values: table, codes: roles } } : {},
    });
    const joined = concatColumnBatches([batch([1, 0]), batch(undefined), batch([3, 2]), batch(undefined)]);
    const role = joined.columns.role as { values: ArrayLike<unknown>; codes: ArrayLike<number> };
    expect(joined.rows).toBe(8);
    // The table itself, not a copy per batch (what made joins cost its size times the batches).
    expect(role.values).toBe(table);
    expect(valuesOf(role, 8)).toEqual([
      'وزير الخارجية',
      null,
      null,
      null,
      'رئيس الوزراء',
      'الرئيس',
      null,
      null,
    ]);
  });

  it('adds null to a shared dictionary that lacks it, once', () => {
    const table = ['LOC', 'ORG'];
    const joined = concatColumnBatches<'mentions'>([
      { rows: 1, columns: { type: { values: table, codes: [1] } } },
      { rows: 2, columns: {} },
      { rows: 1, columns: { type: { values: table, codes: [0] } } },
    ]);
    const type = joined.columns.type as { values: ArrayLike<unknown>; codes: ArrayLike<number> };
    expect(Array.from(type.values)).toEqual(['LOC', 'ORG', null]);
    expect(valuesOf(type, 4)).toEqual(['ORG', null, null, 'LOC']);
    // The caller's table is left as it was.
    expect(table).toEqual(['LOC', 'ORG']);
  });

  it('still joins batches coded over different dictionaries, and plain ones', () => {
    const joined = concatColumnBatches<'mentions'>([
      { rows: 2, columns: { method: { values: ['gazetteer', 'model'], codes: [1, 0] } } },
      { rows: 1, columns: {} },
      { rows: 1, columns: { method: { values: ['pattern'], codes: [0] } } },
      { rows: 1, columns: { surface: ['عمان'] } },
    ]);
    expect(valuesOf(joined.columns.method, 5)).toEqual(['model', 'gazetteer', null, 'pattern', null]);
    expect(valuesOf(joined.columns.surface, 5)).toEqual([null, null, null, null, 'عمان']);
  });
});
