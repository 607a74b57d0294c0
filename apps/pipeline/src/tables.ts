// Table output through @akhbar/dataset.
//
// MINIMAL ADAPTER (temporary): until @akhbar/dataset exports openTableWriters/buildEntities, JSONL
// and a plain CSV are written here and Parquet is skipped with a warning. Removed once dataset lands.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import * as dataset from '@akhbar/dataset';
import type { ArticleRow, Format, MentionRow, TableName } from './rows.js';

export interface TableWriters {
  write(table: TableName, rows: object[]): Promise<void>;
  close(): Promise<void>;
}
export interface EntityRow {
  entity_id: string;
  type: string;
  canonical_ar: string;
  canonical_en: string;
  aliases: string[];
  mention_count: number;
  article_count: number;
  first_published: string | null;
  last_published: string | null;
}

type Open = (
  dir: string,
  o?: { formats?: Format[]; bom?: boolean; partRows?: number },
) => Promise<TableWriters> | TableWriters;
type Build = (m: MentionRow[], a: Pick<ArticleRow, 'article_id' | 'published'>[]) => EntityRow[];
const realOpen = (dataset as Record<string, unknown>).openTableWriters as Open | undefined;
const realBuild = (dataset as Record<string, unknown>).buildEntities as Build | undefined;
export const datasetStandIn = !realOpen || !realBuild;

export async function openWriters(dir: string, formats: Format[], bom = false): Promise<TableWriters> {
  if (realOpen) return await realOpen(dir, { formats, bom });
  return standInWriters(dir, formats);
}

export function buildEntityRows(
  mentions: MentionRow[],
  articles: Pick<ArticleRow, 'article_id' | 'published'>[],
): EntityRow[] {
  if (realBuild) return realBuild(mentions, articles);
  // --- stand-in (temporary) ---
  const pub = new Map(articles.map((a) => [a.article_id, a.published]));
  const by = new Map<string, EntityRow & { arts: Set<string> }>();
  for (const m of mentions) {
    let e = by.get(m.entity_id);
    if (!e) {
      e = {
        entity_id: m.entity_id,
        type: m.type,
        canonical_ar: m.canonical_ar,
        canonical_en: m.canonical_en,
        aliases: [],
        mention_count: 0,
        article_count: 0,
        first_published: null,
        last_published: null,
        arts: new Set(),
      };
      by.set(m.entity_id, e);
    }
    e.mention_count++;
    if (!e.aliases.includes(m.surface)) e.aliases.push(m.surface);
    e.arts.add(m.article_id);
    const p = pub.get(m.article_id) ?? null;
    if (p && (!e.first_published || p < e.first_published)) e.first_published = p;
    if (p && (!e.last_published || p > e.last_published)) e.last_published = p;
  }
  return [...by.values()]
    .map(({ arts, ...e }) => ({ ...e, aliases: e.aliases.sort(), article_count: arts.size }))
    .sort((a, b) => (a.entity_id < b.entity_id ? -1 : 1));
}

function standInWriters(dir: string, formats: Format[]): TableWriters {
  mkdirSync(dir, { recursive: true });
  const streams = new Map<string, WriteStream>();
  const headers = new Set<string>();
  const get = (name: string) => {
    let s = streams.get(name);
    if (!s) {
      s = createWriteStream(join(dir, name));
      streams.set(name, s);
    }
    return s;
  };
  const csvCell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return {
    async write(table, rows) {
      for (const row of rows) {
        if (formats.includes('jsonl')) get(`${table}.jsonl`).write(`${JSON.stringify(row)}\n`);
        if (formats.includes('csv')) {
          const s = get(`${table}.csv`);
          if (!headers.has(table)) {
            headers.add(table);
            s.write(`${Object.keys(row).join(',')}\n`);
          }
          s.write(`${Object.values(row).map(csvCell).join(',')}\n`);
        }
      }
    },
    async close() {
      await Promise.all([...streams.values()].map((s) => new Promise<void>((r) => s.end(() => r()))));
    },
  };
}
