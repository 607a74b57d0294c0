import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRecordsReference } from '../src/csv.js';
import {
  type ArticleRow,
  buildEntities,
  checkRow,
  compareCodeUnits,
  createEntityAccumulator,
  DUCKDB_TYPES,
  type MentionRow,
  openTableWriters,
  readTable,
  SCHEMA,
  TABLE_NAMES,
} from '../src/index.js';
import { cellsToObject, toCells } from '../src/rows.js';
import {
  duck,
  hostileArticle,
  readJsonl,
  sampleMentions,
  seedArticles,
  sqlString,
  tempDir,
  writeSampleRun,
} from './helpers.js';

describe('openTableWriters', () => {
  it('writes every table in CSV, Parquet and JSONL, and DuckDB reads the Parquet back as the JSONL', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir);
    for (const name of TABLE_NAMES) {
      for (const ext of ['csv', 'parquet', 'jsonl'])
        expect(existsSync(join(dir, `${name}.${ext}`))).toBe(true);
      const jsonl = readJsonl(join(dir, `${name}.jsonl`));
      const fromParquet = await duck(
        `SELECT * FROM read_parquet(${sqlString(join(dir, `${name}.parquet`))})`,
      );
      expect(fromParquet.length).toBe(jsonl.length);
      // getRowObjectsJson renders BIGINT as strings; compare values as the JSONL has them.
      const normalized = fromParquet.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => {
            const col = SCHEMA[name].columns.find((c) => c.name === k);
            return [k, col?.type === 'int64' && typeof v === 'string' ? Number(v) : v];
          }),
        ),
      );
      expect(normalized).toEqual(jsonl);
      // Column order is the schema's.
      expect(
        Object.keys(jsonl[0] ?? Object.fromEntries(SCHEMA[name].columns.map((c) => [c.name, null]))),
      ).toEqual(SCHEMA[name].columns.map((c) => c.name));
    }
    const bodies = (await duck(
      `SELECT article_id, body FROM ${sqlString(join(dir, 'articles.parquet'))} ORDER BY 1`,
    )) as Array<{ body: string }>;
    const seeds = [...seedArticles(), hostileArticle()];
    expect(bodies.map((b) => b.body)).toEqual(seeds.map((s) => s.body));
    expect(bodies[0]?.body).toContain('وزير الخارجية الصيني وانغ يي');
  });

  it('gives Parquet columns the documented types (DuckDB DESCRIBE)', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir);
    for (const name of TABLE_NAMES) {
      const described = (await duck(
        `DESCRIBE SELECT * FROM ${sqlString(join(dir, `${name}.parquet`))}`,
      )) as Array<{
        column_name: string;
        column_type: string;
      }>;
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual(
        SCHEMA[name].columns.map((c) => [c.name, DUCKDB_TYPES[c.type]]),
      );
    }
  });

  it('writes RFC 4180 CSV that parses back: newlines, quotes and commas in Arabic text, null vs empty', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir, { bom: true });
    const raw = readFileSync(join(dir, 'articles.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.includes('\r\n')).toBe(true);
    const rows = (await duck(
      `SELECT * FROM read_csv(${sqlString(join(dir, 'articles.csv'))}, header=true, all_varchar=true, quote='"', escape='"', delim=',', allow_quoted_nulls=false)`,
    )) as Array<Record<string, string | null>>;
    const seeds = [...seedArticles(), hostileArticle()];
    expect(rows.length).toBe(seeds.length);
    rows.forEach((row, i) => {
      const seed = seeds[i] as (typeof seeds)[number];
      expect(row.body).toBe(seed.body);
      expect(row.title).toBe(seed.title);
      expect(row.source_path).toBe(seed.source_path);
      // list column: a JSON array of strings
      expect(row.entity_ids === null ? null : JSON.parse(row.entity_ids as string)).toEqual(
        seed.entity_ids ?? null,
      );
    });
    const hostile = rows[rows.length - 1] as Record<string, string | null>;
    expect(hostile.url).toBe(''); // quoted empty string
    expect(hostile.published).toBeNull(); // empty unquoted field
    // Without BOM the file starts with the header.
    const plain = await tempDir();
    await writeSampleRun(plain);
    expect(readFileSync(join(plain, 'errors.csv'), 'utf8').startsWith('source_path,stage,message\r\n')).toBe(
      true,
    );
  });

  it('writes any Unicode text byte for byte: CJK (3 bytes a unit), emoji, lone surrogates, Arabic', async () => {
    const dir = await tempDir();
    const bodies = [
      '北京新华社电 中国外交部发言人表示'.repeat(500),
      '😀🚀 رموز تعبيرية 😀'.repeat(300),
      `نص \ud800 وحيد \udfff ${'ا'.repeat(5000)}`,
      'plain ASCII, "quoted"',
      // Short strings are encoded by a loop of its own: pairs, lone halves at either end, 3-byte units.
      '\udc00😀 中\ud800',
    ];
    const articles: ArticleRow[] = bodies.map((body, i) => ({
      ...hostileArticle(),
      article_id: `u${i}`,
      body,
    }));
    const w = await openTableWriters(dir, { tables: ['articles'], formats: ['csv', 'jsonl'] });
    await w.write('articles', articles);
    await w.close();
    const cells = articles.map((a, i) => toCells(SCHEMA.articles, { ...a }, i));
    // The reference: JSON.stringify and csv-stringify, encoded by Buffer.from (lone surrogates become
    // U+FFFD either way).
    const jsonl = cells.map((c) => `${JSON.stringify(cellsToObject(SCHEMA.articles, c))}\n`).join('');
    expect(readFileSync(join(dir, 'articles.jsonl')).equals(Buffer.from(jsonl))).toBe(true);
    expect(
      readFileSync(join(dir, 'articles.csv')).equals(
        Buffer.from(csvHeader(SCHEMA.articles, false) + csvRecordsReference(cells)),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same rows give byte-identical files', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeSampleRun(a);
    await writeSampleRun(b);
    for (const f of readdirSync(a).sort())
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    expect(readdirSync(b).sort()).toEqual(readdirSync(a).sort());
  });

  it('splits Parquet into part files when a table outgrows partRows, and readers see one table', async () => {
    const dir = await tempDir();
    const w = await openTableWriters(dir, { partRows: 2, formats: ['parquet'] });
    await w.write('articles', [...seedArticles(), hostileArticle()]);
    expect((await w.close()).articles).toEqual({
      rows: 6,
      files: ['articles/part-00000.parquet', 'articles/part-00001.parquet', 'articles/part-00002.parquet'],
    });
    await writeSampleRun(dir, { partRows: 2 });
    expect(existsSync(join(dir, 'articles.parquet'))).toBe(false);
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual([
      'part-00000.parquet',
      'part-00001.parquet',
      'part-00002.parquet',
    ]);
    const n = (
      await duck(
        `SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(join(dir, 'articles', '*.parquet'))})`,
      )
    )[0];
    expect(n).toEqual({ n: 6 });
    const t = await readTable(dir, 'articles');
    expect(t.numRows()).toBe(6);
    expect(t.array('article_id')).toEqual([...seedArticles(), hostileArticle()].map((a) => a.article_id));
    // A later small run replaces the part folder by a single file.
    await writeSampleRun(dir);
    expect(existsSync(join(dir, 'articles'))).toBe(false);
    expect((await readTable(dir, 'articles')).numRows()).toBe(6);
  });

  it('appends batch after batch, in order, in every format (concurrent calls too)', async () => {
    const dir = await tempDir();
    const all = [...seedArticles(), hostileArticle()];
    const w = await openTableWriters(dir, { partRows: 4 });
    await w.write('articles', all.slice(0, 1));
    await Promise.all([w.write('articles', all.slice(1, 3)), w.write('articles', all.slice(3))]);
    await w.close();
    const ids = all.map((a) => a.article_id);
    expect(readJsonl(join(dir, 'articles.jsonl')).map((r) => r.article_id)).toEqual(ids);
    const csv = await duck(
      `SELECT article_id FROM read_csv(${sqlString(join(dir, 'articles.csv'))}, header=true)`,
    );
    expect(csv.map((r) => r.article_id)).toEqual(ids);
    expect((await readTable(dir, 'articles')).array('article_id')).toEqual(ids);
  });

  it('splits by buffered bytes too, so a run of long bodies keeps memory bounded', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir, { partBytes: 1 });
    expect(readdirSync(join(dir, 'articles')).length).toBe(6);
  });

  it('rejects a bad row with a message naming the table, row and column, and writes none of its batch', async () => {
    const dir = await tempDir();
    const w = await openTableWriters(dir);
    const good = seedArticles()[0] as ReturnType<typeof seedArticles>[number];
    await expect(
      w.write('articles', [good, { ...good, word_count: 'many' as unknown as number }]),
    ).rejects.toThrow(/articles row 1: column 'word_count' must be a 32-bit integer/);
    await expect(w.write('articles', [{ ...good, published: '23/03/2021' }])).rejects.toThrow(
      /published.*ISO 8601/,
    );
    await expect(w.write('articles', [{ ...good, body: null as unknown as string }])).rejects.toThrow(
      /'body' is required/,
    );
    await expect(w.write('mentions', [{ article_id: 'a' } as never])).rejects.toThrow(/mentions row 0/);
    await expect(w.write('nope' as never, [])).rejects.toThrow(/Unknown table 'nope'/);
    await w.write('articles', [good]);
    const summary = await w.close();
    expect(summary.articles.rows).toBe(1);
    expect(readJsonl(join(dir, 'articles.jsonl')).length).toBe(1);
    await expect(w.write('articles', [good])).rejects.toThrow(/closed/);
  });

  it('checkRow says why a row would be refused, so a caller can route it to errors', () => {
    const good = seedArticles()[0] as ArticleRow;
    expect(checkRow('articles', good)).toBeNull();
    expect(checkRow('articles', { ...good, published: '2021-03-23T09:45' })).toMatch(
      /column 'published' must be ISO 8601/,
    );
    expect(checkRow('articles', { ...good, published: '2021-02-30' })).toMatch(/published/);
    expect(checkRow('errors', { source_path: 'x', stage: 'ingest', message: 'm' })).toBeNull();
  });

  it('leaves previous outputs intact when a run is aborted or never closed', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir);
    const before = readFileSync(join(dir, 'articles.parquet'));
    const w = await openTableWriters(dir);
    await w.write('articles', [seedArticles()[0] as never]);
    await w.abort();
    expect(readFileSync(join(dir, 'articles.parquet')).equals(before)).toBe(true);
    const w2 = await openTableWriters(dir);
    await w2.write('articles', [seedArticles()[1] as never]);
    // never closed: the finished outputs are still the old ones
    expect(readFileSync(join(dir, 'articles.parquet')).equals(before)).toBe(true);
    expect(readJsonl(join(dir, 'articles.jsonl')).length).toBe(6);
    await w2.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('.akhbar-tmp'))).toEqual([]);
  });

  it('handles hostile values: a 5 MB single-line body, runs of quotes, huge published strings', async () => {
    const dir = await tempDir();
    const good = seedArticles()[0] as ReturnType<typeof seedArticles>[number];
    const huge = `${'"'.repeat(1_000_000)}${'ب'.repeat(4_000_000)},`;
    const w = await openTableWriters(dir);
    await expect(
      w.write('articles', [{ ...good, published: `2021-03-23${'0'.repeat(1_000_000)}` }]),
    ).rejects.toThrow(/ISO 8601/);
    await w.write('articles', [{ ...good, body: huge }]);
    await w.close();
    const [row] = (await duck(
      `SELECT body FROM read_csv(${sqlString(join(dir, 'articles.csv'))}, allow_quoted_nulls=false, header=true, max_line_size=20000000)`,
    )) as Array<{
      body: string;
    }>;
    expect(row?.body.length).toBe(huge.length);
    expect(row?.body === huge).toBe(true);
    expect((await readTable(dir, 'articles')).get('body', 0) === huge).toBe(true);
  });

  it('writes empty tables with their schema', async () => {
    const dir = await tempDir();
    const w = await openTableWriters(dir, { formats: ['parquet', 'csv'] });
    await w.close();
    expect(existsSync(join(dir, 'articles.jsonl'))).toBe(false);
    const described = await duck(`DESCRIBE SELECT * FROM ${sqlString(join(dir, 'entities.parquet'))}`);
    expect(described.map((d) => d.column_name)).toEqual(SCHEMA.entities.columns.map((c) => c.name));
    expect((await readTable(dir, 'mentions')).numRows()).toBe(0);
    expect(readFileSync(join(dir, 'removed.csv'), 'utf8')).toBe('article_id,rule,text,start,end,kind\r\n');
  });
});

describe('offsets', () => {
  it('keep body.slice(start, end) === surface for every mention after a Parquet round trip', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir);
    const bodies = new Map<string, string>();
    const articles = (await readTable(dir, 'articles')).objects() as Array<{
      article_id: string;
      body: string;
    }>;
    for (const a of articles) bodies.set(a.article_id, a.body);
    const mentions = (await readTable(dir, 'mentions')).objects() as Array<{
      article_id: string;
      surface: string;
      start: number;
      end: number;
    }>;
    expect(mentions.length).toBeGreaterThan(5);
    for (const m of mentions) expect(bodies.get(m.article_id)?.slice(m.start, m.end)).toBe(m.surface);
  });
});

describe('readTable', () => {
  it('returns arquero tables from Parquet and JSONL alike, with typed values', async () => {
    const dir = await tempDir();
    await writeSampleRun(dir);
    const fromParquet = await readTable(dir, 'entities');
    const fromJsonl = await readTable(dir, 'entities', { format: 'jsonl' });
    expect(fromParquet.numRows()).toBe(fromJsonl.numRows());
    const p = fromParquet.objects()[0] as Record<string, unknown>;
    const j = fromJsonl.objects()[0] as Record<string, unknown>;
    expect(p.entity_id).toBe(j.entity_id);
    expect(Array.from(p.aliases as string[])).toEqual(j.aliases);
    expect(p.first_published).toBeInstanceOf(Date);
    expect((p.first_published as Date).toISOString().slice(0, 10)).toBe(j.first_published);
    expect(typeof p.mention_count).toBe('number');
  });

  it('says what is missing when a table is not there', async () => {
    const dir = await tempDir();
    await expect(readTable(dir, 'articles')).rejects.toThrow(/Table 'articles' not found/);
    await writeFile(join(dir, 'mentions.parquet'), 'PAR1 this is not parquet PAR1');
    await expect(readTable(dir, 'mentions')).rejects.toThrow(
      /mentions.parquet is not a readable Parquet file/,
    );
    await writeFile(join(dir, 'articles.jsonl'), '{"article_id":"a"}\n{oops\n');
    await expect(readTable(dir, 'articles')).rejects.toThrow(/line 2 is not valid JSON/);
  });
});

describe('buildEntities', () => {
  const articles = [
    { article_id: 'a', published: '2021-03-23T09:45:00+08:00' },
    { article_id: 'b', published: '2021-03-20' },
    { article_id: 'c', published: null },
  ];
  const m = (article_id: string, surface: string, entity_id = 'per:lavrov') => ({
    article_id,
    entity_id,
    type: 'PERSON' as const,
    surface,
    canonical_ar: 'سيرغي لافروف',
    canonical_en: 'Sergey Lavrov',
    start: 0,
    end: surface.length,
    method: 'gazetteer',
    confidence: 1,
  });

  it('counts mentions and articles, collects aliases, and spans publication dates', () => {
    const mentions = [
      m('a', 'لافروف'),
      m('a', 'سيرجي لافروف'),
      m('b', 'لافروف'),
      m('c', 'سيرغي لافروف'),
      m('b', 'بكين', 'loc:beijing'),
    ];
    const rows = buildEntities(mentions, articles);
    expect(rows.map((r) => r.entity_id)).toEqual(['loc:beijing', 'per:lavrov']);
    expect(rows[1]).toEqual({
      entity_id: 'per:lavrov',
      type: 'PERSON',
      canonical_ar: 'سيرغي لافروف',
      canonical_en: 'Sergey Lavrov',
      aliases: ['سيرجي لافروف', 'سيرغي لافروف', 'لافروف'],
      mention_count: 4,
      article_count: 3,
      first_published: '2021-03-20',
      last_published: '2021-03-23',
    });
    expect(rows[0]?.first_published).toBe('2021-03-20');
    // Order of inputs does not matter.
    expect(buildEntities([...mentions].reverse(), [...articles].reverse())).toEqual(rows);
  });

  it('gives the same rows one article at a time (createEntityAccumulator) as all at once', () => {
    const arts = [...seedArticles(), hostileArticle()];
    const mentions = sampleMentions(arts);
    // Add name variants and a tie so the majority rule is exercised.
    mentions.push(
      { ...(mentions[0] as MentionRow), canonical_en: 'PRC' },
      { ...(mentions[1] as MentionRow), surface: 'ولوانغ يي' },
    );
    const acc = createEntityAccumulator();
    for (const a of arts)
      acc.add(
        a,
        mentions.filter((m) => m.article_id === a.article_id),
      );
    expect(acc.rows()).toEqual(buildEntities(mentions, arts));
    expect(acc.rows().length).toBe(3);
    expect(() => acc.add(arts[0] as ArticleRow, [])).toThrow(/added twice/);
    expect(() =>
      createEntityAccumulator().add({ article_id: 'x', published: null }, mentions.slice(0, 1)),
    ).toThrow(/belongs to article/);
  });

  it('counts every mention when names and surfaces alternate, in a state taken before or between', () => {
    const arts = seedArticles();
    const base = sampleMentions(arts)[0] as MentionRow;
    // Per article: the entity under two name triples and two surfaces, in turn; the second triple
    // is rare in the first two articles and frequent after them, where it wins only if those count.
    const variants = (a: ArticleRow, i: number): MentionRow[] =>
      [0, 1, 2, 3, 4].map((k) => ({
        ...base,
        article_id: a.article_id,
        canonical_en: (i < 2 ? k === 1 : k !== 2) ? 'PRC' : base.canonical_en,
        surface: k % 3 ? `و${base.surface}` : base.surface,
        start: k,
        end: k + 1,
      }));
    const acc = createEntityAccumulator();
    // The pipeline takes the state when it opens a range and sends it when the range is written.
    const held = acc.state();
    const all: MentionRow[] = [];
    for (const [i, a] of arts.entries()) {
      acc.add(a, variants(a, i));
      all.push(...variants(a, i));
      // A snapshot between articles (the pipeline takes one at the end of each range).
      if (i === 1) expect(structuredClone(acc.state()).entities.size).toBe(1);
    }
    // What a thread receives of the state taken at the start, before any other call.
    const received = createEntityAccumulator();
    received.merge(structuredClone(held));
    expect(acc.rows()).toEqual(buildEntities(all, arts));
    const [row] = acc.rows();
    expect(row?.mention_count).toBe(5 * arts.length);
    expect(arts.length).toBeGreaterThan(3);
    expect(row?.canonical_en).toBe('PRC');
    expect(received.rows()).toEqual(acc.rows());
    // An entity always named the same way, in a state taken before its first mention.
    const steady = createEntityAccumulator();
    const early = steady.state();
    const plain = arts.map((a) => ({ ...base, article_id: a.article_id }));
    for (const a of arts) steady.add(a, [{ ...base, article_id: a.article_id }]);
    const got = createEntityAccumulator();
    got.merge(structuredClone(early));
    expect(got.rows()).toEqual(buildEntities(plain, arts));
    expect(row?.aliases).toEqual([base.surface, `و${base.surface}`].sort(compareCodeUnits));
  });

  it('merges accumulators of disjoint articles (one per worker thread) into the same rows', () => {
    const arts = [...seedArticles(), hostileArticle()];
    const mentions = sampleMentions(arts);
    mentions.push({ ...(mentions[0] as MentionRow), canonical_en: 'PRC' });
    const of = (a: ArticleRow) => mentions.filter((m) => m.article_id === a.article_id);
    const whole = createEntityAccumulator();
    for (const a of arts) whole.add(a, of(a));
    const parts = [createEntityAccumulator(), createEntityAccumulator(), createEntityAccumulator()];
    for (const [i, a] of arts.entries()) parts[i % 3]!.add(a, of(a));
    const merged = createEntityAccumulator();
    // The state crosses threads by structured clone in the pipeline; do the same here.
    for (const p of parts) merged.merge(structuredClone(p.state()));
    expect(merged.rows()).toEqual(whole.rows());
    expect(merged.rows()).toEqual(buildEntities(mentions, arts));
    expect(() => merged.merge(parts[0]!.state())).toThrow(/added twice/);
    // Without the repeat check (disjoint by construction), the same rows and no set of article ids.
    const lean = createEntityAccumulator({ checkRepeats: false });
    for (const p of parts) lean.merge(structuredClone(p.state()));
    expect(lean.rows()).toEqual(whole.rows());
    expect(lean.state().articles.size).toBe(0);
  });

  it('keeps the majority canonical name and null dates when no article is dated', () => {
    const rows = buildEntities(
      [m('c', 'لافروف'), m('c', 'لافروف'), { ...m('c', 'لافروف'), canonical_en: 'Lavrov (typo)' }],
      articles,
    );
    expect(rows[0]?.canonical_en).toBe('Sergey Lavrov');
    expect(rows[0]?.first_published).toBeNull();
    expect(buildEntities([], articles)).toEqual([]);
  });
});
