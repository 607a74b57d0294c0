import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ArticleRow,
  type MentionRow,
  openTableConcat,
  openTableWriters,
  type TableName,
} from '../src/index.js';
import { duck, hostileArticle, sampleMentions, seedArticles, sqlString, tempDir } from './helpers.js';

const TABLES: TableName[] = ['articles', 'mentions'];

/** Write consecutive slices of the rows as pieces, the way the pipeline's assembly threads do. */
async function writePieces(
  root: string,
  slices: Array<{ articles: ArticleRow[]; mentions: MentionRow[] }>,
  bom: boolean,
) {
  const pieces = [];
  for (const [i, slice] of slices.entries()) {
    const dir = join(root, `piece-${i}`);
    const w = await openTableWriters(dir, { tables: TABLES, bom, partRows: 2 });
    await w.write('articles', slice.articles);
    await w.write('mentions', slice.mentions);
    pieces.push({ dir, summary: await w.close() });
  }
  return pieces;
}

describe('openTableConcat', () => {
  it('joins pieces into the tables one writer gives: same CSV and JSONL bytes, same Parquet rows', async () => {
    const arts = [...seedArticles(), hostileArticle()];
    const mentions = sampleMentions(arts);
    const of = (as: ArticleRow[]) => mentions.filter((m) => as.some((a) => a.article_id === m.article_id));
    for (const bom of [false, true]) {
      const root = await tempDir();
      const whole = join(root, 'whole');
      const w = await openTableWriters(whole, { tables: TABLES, bom });
      await w.write('articles', arts);
      await w.write('mentions', mentions);
      await w.close();
      // Three pieces, the middle one with articles but no mentions, the last one with neither.
      const slices = [
        { articles: arts.slice(0, 3), mentions: of(arts.slice(0, 3)) },
        { articles: arts.slice(3), mentions: [] },
        { articles: [], mentions: of(arts.slice(3)) },
      ];
      const pieces = await writePieces(root, slices, bom);
      const out = join(root, 'joined');
      const c = await openTableConcat(out, { tables: TABLES });
      for (const p of pieces) await c.append(p.dir, p.summary);
      const summary = await c.close();
      expect(summary.articles.rows).toBe(arts.length);
      expect(summary.mentions.rows).toBe(mentions.length);
      for (const t of TABLES)
        for (const ext of ['csv', 'jsonl'])
          expect(
            readFileSync(join(out, `${t}.${ext}`)).equals(readFileSync(join(whole, `${t}.${ext}`))),
          ).toBe(true);
      // partRows 2 in the pieces: 2 + 2 parts of articles; empty pieces add no part file.
      expect(summary.articles.files.filter((f) => f.endsWith('.parquet'))).toEqual(
        [0, 1, 2, 3].map((i) => `articles/part-0000${i}.parquet`),
      );
      for (const t of TABLES) {
        const sql = (dir: string, glob: string) =>
          `SELECT * FROM read_parquet(${sqlString(join(dir, glob))}) ORDER BY ALL`;
        const joinedGlob = existsSync(join(out, t)) ? join(t, '*.parquet') : `${t}.parquet`;
        expect(await duck(sql(out, joinedGlob))).toEqual(await duck(sql(whole, `${t}.parquet`)));
      }
      // Pieces are consumed; no temporary folder is left behind.
      expect(readdirSync(root).sort()).toEqual(['joined', 'whole']);
      expect(readdirSync(out).filter((f) => f.startsWith('.akhbar'))).toEqual([]);
    }
  });

  it('writes a table with no rows as one empty Parquet file, and refuses a close with no pieces', async () => {
    const root = await tempDir();
    const pieces = await writePieces(
      root,
      [
        { articles: [], mentions: [] },
        { articles: [], mentions: [] },
      ],
      false,
    );
    const out = join(root, 'joined');
    const c = await openTableConcat(out, { tables: TABLES, formats: ['parquet', 'csv'] });
    for (const p of pieces) await c.append(p.dir, p.summary);
    const summary = await c.close();
    expect(summary.mentions).toEqual({ rows: 0, files: ['mentions.csv', 'mentions.parquet'] });
    expect(
      await duck(
        `SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(join(out, 'mentions.parquet'))})`,
      ),
    ).toEqual([{ n: 0 }]);
    const empty = await openTableConcat(join(root, 'none'), { tables: TABLES });
    await expect(empty.close()).rejects.toThrow(/No pieces/);
  });

  it('copies pieces larger than its 1 MB buffer byte for byte, and refuses overlapping appends', async () => {
    // Bodies of 0.6 MB: each piece's CSV and JSONL span several buffers, headers included.
    const base = seedArticles();
    const arts = Array.from({ length: 6 }, (_, i) => ({
      ...base[i % base.length]!,
      article_id: `big-${i}`,
      body: `${base[i % base.length]!.body}\n`.repeat(200).slice(0, 600_000),
    }));
    const root = await tempDir();
    const whole = join(root, 'whole');
    const w = await openTableWriters(whole, { tables: ['articles'], formats: ['csv', 'jsonl'] });
    await w.write('articles', arts);
    await w.close();
    const pieces = [];
    for (const [i, slice] of [arts.slice(0, 2), arts.slice(2, 5), arts.slice(5)].entries()) {
      const dir = join(root, `piece-${i}`);
      const pw = await openTableWriters(dir, { tables: ['articles'], formats: ['csv', 'jsonl'] });
      await pw.write('articles', slice);
      pieces.push({ dir, summary: await pw.close() });
    }
    const out = join(root, 'joined');
    const c = await openTableConcat(out, { tables: ['articles'], formats: ['csv', 'jsonl'] });
    const first = c.append(pieces[0]!.dir, pieces[0]!.summary);
    await expect(c.append(pieces[1]!.dir, pieces[1]!.summary)).rejects.toThrow(/await each one/);
    await first;
    for (const p of pieces.slice(1)) await c.append(p.dir, p.summary);
    await c.close();
    for (const ext of ['csv', 'jsonl']) {
      const joined = readFileSync(join(out, `articles.${ext}`));
      expect(joined.length).toBeGreaterThan(3 * 1024 * 1024);
      expect(joined.equals(readFileSync(join(whole, `articles.${ext}`)))).toBe(true);
    }
  });

  it('takes pieces whose text a writer appended to the joined files itself (text sink on textPath)', async () => {
    const arts = [...seedArticles(), hostileArticle()];
    const mentions = sampleMentions(arts);
    const root = await tempDir();
    const whole = join(root, 'whole');
    const w = await openTableWriters(whole, { tables: TABLES, bom: true, partRows: 2 });
    await w.write('articles', arts);
    await w.write('mentions', mentions);
    await w.close();

    const out = join(root, 'joined');
    const c = await openTableConcat(out, { tables: TABLES });
    const slices = [arts.slice(0, 2), arts.slice(2, 3), arts.slice(3)];
    for (const [i, slice] of slices.entries()) {
      const ids = new Set(slice.map((a) => a.article_id));
      const dir = join(root, `piece-${i}`);
      // Odd pieces the usual way (text in their folder, copied); even ones straight to the joined
      // files, where only the first piece's CSV keeps its header.
      const direct = i % 2 === 0;
      const handles = new Map<string, Awaited<ReturnType<typeof open>>>();
      const seen = new Set<string>();
      const pw = await openTableWriters(dir, {
        tables: TABLES,
        bom: true,
        partRows: 2,
        text: direct
          ? async (table, format, bytes) => {
              const key = `${table}.${format}`;
              const header = format === 'csv' && !seen.has(key);
              seen.add(key);
              if (header && i > 0) return;
              let fh = handles.get(key);
              if (!fh) {
                fh = await open(c.textPath(table, format), 'a');
                handles.set(key, fh);
              }
              await fh.writeFile(bytes);
            }
          : undefined,
      });
      await pw.write('articles', slice);
      await pw.write(
        'mentions',
        mentions.filter((m) => ids.has(m.article_id)),
      );
      const summary = await pw.close();
      for (const fh of handles.values()) await fh.close();
      // Only Parquet was moved into the folder of a piece whose text went elsewhere.
      if (direct) expect(summary.articles.files.every((f) => f.endsWith('.parquet'))).toBe(true);
      await c.append(dir, summary, { textAppended: direct });
    }
    const summary = await c.close();
    expect(summary.articles.rows).toBe(arts.length);
    for (const t of TABLES)
      for (const ext of ['csv', 'jsonl'])
        expect(
          readFileSync(join(out, `${t}.${ext}`)).equals(readFileSync(join(whole, `${t}.${ext}`))),
          `${t}.${ext}`,
        ).toBe(true);
    expect(() => c.textPath('articles', 'csv')).toThrow(/closed/);
  });
});
