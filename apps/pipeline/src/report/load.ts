// ADAPTER, to be replaced by @akhbar/dataset's readTable once it lands: reads the JSONL tables that
// `akhbar run` writes (DIR/<table>.jsonl or DIR/<table>/part-*.jsonl), line by line, keeping only the
// columns the report needs. Bodies and removed text are never held, so memory follows the number of
// rows, not the size of the corpus.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EntityType, ReportInput } from './types.js';

const TYPES = new Set<EntityType>(['PERSON', 'ORG', 'LOC']);

/** The JSONL files holding one table, in order; empty when the table is absent. */
export function tableFiles(dir: string, table: string): string[] {
  const single = join(dir, `${table}.jsonl`);
  if (existsSync(single)) return [single];
  const parts = join(dir, table);
  if (existsSync(parts) && statSync(parts).isDirectory()) {
    return readdirSync(parts)
      .filter((f) => /^part-.*\.jsonl$/.test(f))
      .sort()
      .map((f) => join(parts, f));
  }
  return [];
}

type Row = Record<string, unknown>;

async function eachRow(files: string[], table: string, warnings: string[], fn: (row: Row) => void) {
  let bad = 0;
  let firstBad = '';
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        row = undefined;
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        if (bad++ === 0) firstBad = `${file}:${n}`;
        continue;
      }
      fn(row as Row);
    }
  }
  if (bad > 0)
    warnings.push(`${table}: ${bad} line(s) are not JSON objects and were skipped (first at ${firstBad})`);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Reads the tables of an `akhbar run` output folder. Throws when the folder or its articles table is missing. */
export async function loadRun(dir: string): Promise<ReportInput> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`report: ${dir} is not a folder; pass the --out folder of \`akhbar run\``);
  }
  const articleFiles = tableFiles(dir, 'articles');
  if (articleFiles.length === 0) {
    const other = ['articles.parquet', 'articles.csv', 'articles'].filter((f) => existsSync(join(dir, f)));
    throw new Error(
      other.length > 0
        ? `report: ${dir} has ${other.join(', ')} but no articles.jsonl; the report reads JSONL, so run \`akhbar run\` with the jsonl format`
        : `report: ${dir} has no articles table (articles.jsonl); pass the --out folder of \`akhbar run\``,
    );
  }
  const warnings: string[] = [];
  const input: ReportInput = {
    articles: {
      article_id: [],
      site: [],
      agency: [],
      published: [],
      has_title: [],
      dateline_place: [],
      duplicate: [],
    },
    mentions: { article: [], entity: [] },
    entities: [],
    removed: { rule: [], article: [] },
    errors: [],
    versions: [],
    warnings,
  };
  const a = input.articles;
  const articleIndex = new Map<string, number>();
  const versions = new Set<string>();
  await eachRow(articleFiles, 'articles', warnings, (r) => {
    const id = str(r.article_id);
    if (id === null) return;
    if (articleIndex.has(id)) return; // a repeated id is counted once
    articleIndex.set(id, a.article_id.length);
    a.article_id.push(id);
    a.site.push(str(r.site));
    a.agency.push(str(r.agency));
    a.published.push(str(r.published));
    a.has_title.push(str(r.title) !== null);
    a.dateline_place.push(str(r.dateline_place));
    a.duplicate.push(str(r.duplicate_of) !== null);
    const v = str(r.pipeline_version);
    if (v !== null) versions.add(v);
  });
  input.versions = [...versions].sort();

  const entityIndex = new Map<string, number>();
  let orphans = 0;
  let badType = 0;
  await eachRow(tableFiles(dir, 'mentions'), 'mentions', warnings, (r) => {
    const article = articleIndex.get(String(r.article_id));
    const id = str(r.entity_id);
    const type = r.type as EntityType;
    if (id === null || !TYPES.has(type)) {
      badType++;
      return;
    }
    if (article === undefined) {
      orphans++;
      return;
    }
    let e = entityIndex.get(id);
    if (e === undefined) {
      e = input.entities.length;
      entityIndex.set(id, e);
      input.entities.push({
        entity_id: id,
        type,
        canonical_ar: str(r.canonical_ar) ?? id,
        canonical_en: str(r.canonical_en) ?? '',
      });
    }
    input.mentions.article.push(article);
    input.mentions.entity.push(e);
  });
  if (orphans > 0)
    warnings.push(`mentions: ${orphans} row(s) name an article_id not in articles and were left out`);
  if (badType > 0) warnings.push(`mentions: ${badType} row(s) lack an entity_id or a PERSON/ORG/LOC type`);

  await eachRow(tableFiles(dir, 'removed'), 'removed', warnings, (r) => {
    input.removed.rule.push(str(r.rule) ?? '(no rule)');
    input.removed.article.push(articleIndex.get(String(r.article_id)) ?? -1);
  });
  await eachRow(tableFiles(dir, 'errors'), 'errors', warnings, (r) => {
    input.errors.push({
      source_path: String(r.source_path ?? ''),
      stage: str(r.stage) ?? '(unknown)',
      message: String(r.message ?? ''),
    });
  });
  for (const t of ['mentions', 'removed', 'errors']) {
    if (tableFiles(dir, t).length === 0)
      warnings.push(`${t}: no ${t}.jsonl in ${dir}; that part of the report is empty`);
  }
  return input;
}
