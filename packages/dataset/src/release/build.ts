import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  countCsvRecords,
  countLines,
  countParquetRows,
  hasBom,
  hashFile,
  listFiles,
  sha256,
  writeFileAtomic,
} from '../files.js';
import { compareCodeUnits } from '../order.js';
import { parquetFiles } from '../read.js';
import { SCHEMA, TABLE_NAMES, type TableName } from '../schema.js';
import { packBundle } from '../tar.js';
import { TABLE_FORMATS, type TableFormat } from '../writers.js';
import { buildCard } from './card.js';
import { buildChangelog, type ReleaseSnapshot } from './changelog.js';
import { buildCitation } from './citation.js';
import { forEachColumns, readColumns } from './columns.js';
import { buildCroissant } from './croissant.js';
import { buildDatapackage } from './datapackage.js';
import { emptyCounts, emptyIndex, parseIndex, type ReleaseIndex, withVersion } from './index-file.js';
import {
  bundleName,
  type Creator,
  checkName,
  checkVersion,
  compareVersions,
  type ReleaseFile,
  type ReleaseInfo,
  type ReleaseStats,
  releasePrefix,
} from './model.js';
import { parquetSchemaProblems } from './schema-check.js';

export interface BuildReleaseOptions {
  /** The output folder of `akhbar run` (holds articles.parquet, mentions.csv, ...). */
  runDir: string;
  /** Dataset name: lower-case letters, digits, '.', '_', '-'. */
  name: string;
  /** X.Y.Z */
  version: string;
  /** Folder holding every dataset's releases; default 'releases'. */
  into?: string;
  /** Version to compare with in CHANGELOG.md; default the highest earlier version in index.json. */
  previous?: string;
  title?: string;
  description?: string;
  /** SPDX licence id of the data (e.g. 'CC-BY-4.0'); default 'other' (no licence given). */
  license?: string;
  /** Who made the dataset (cited in CITATION.cff, croissant.json, the card). */
  creators?: Creator[];
  /** Release date 'YYYY-MM-DD'. Never taken from the clock, so that rebuilds are byte-identical. */
  date?: string;
  /** Where the release will be published (landing page). */
  homepage?: string;
  /** Free-text descriptions of where the articles came from, listed in the card. */
  sources?: string[];
  /** Formats to publish; default every format the run wrote (Parquet is required). */
  formats?: TableFormat[];
  /** Replace an existing release of the same version (releases are otherwise immutable). */
  overwrite?: boolean;
  /**
   * Further files to publish at the release root, e.g. `{ 'report.html': html }`: listed in
   * SHA256SUMS and packed in the bundle like the rest. Names are plain file names.
   */
  extraFiles?: Record<string, string | Uint8Array>;
}

export interface BuildReleaseResult {
  /** RELEASES/NAME/vX.Y.Z */
  dir: string;
  /** RELEASES/NAME/NAME-vX.Y.Z.tar.gz */
  bundle: string;
  /** RELEASES/NAME/index.json */
  index: string;
  sha256: string;
  bytes: number;
  unpackedBytes: number;
  files: string[];
  counts: Record<TableName, number>;
  previous: string | null;
  warnings: string[];
}

const DEFAULT_DESCRIPTION =
  'Arabic news articles processed by akhbar: clean bodies, titles, dates, datelines and news agencies, with the people, organisations and places they mention under canonical names, and an audit trail of the boilerplate removed.';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function readIndex(path: string): Promise<ReleaseIndex | null> {
  if (!(await exists(path))) return null;
  return parseIndex(await readFile(path, 'utf8'), path);
}

/** Data files of a run folder (or a release's data folder) per table, checked against the schema, with row counts. */
async function collectTables(
  root: string,
  formats: Set<TableFormat>,
): Promise<Array<Omit<ReleaseFile, 'sha256' | 'bytes'>>> {
  const out: Array<Omit<ReleaseFile, 'sha256' | 'bytes'>> = [];
  for (const table of TABLE_NAMES) {
    const parquet = await parquetFiles(root, table);
    if (parquet.length === 0) {
      throw new Error(
        `${root} has no Parquet for table '${table}' (${table}.parquet or ${table}/part-*.parquet): pass the output folder of 'akhbar run'.`,
      );
    }
    const first = (SCHEMA[table].columns[0] as { name: string }).name;
    let rows = 0;
    for (const f of parquet) {
      const problems = parquetSchemaProblems(new Uint8Array(await readFile(join(root, f))), table, f);
      if (problems.length > 0)
        throw new Error(`${problems.join(' ')} Re-run 'akhbar run' with this version to rewrite the tables.`);
      const n = await countParquetRows(join(root, f), first);
      out.push({ path: f, table, format: 'parquet', rows: n });
      rows += n;
    }
    for (const format of ['csv', 'jsonl'] as const) {
      const path = `${table}.${format}`;
      if (!formats.has(format) || !(await exists(join(root, path)))) continue;
      const n =
        format === 'csv' ? await countCsvRecords(join(root, path)) : await countLines(join(root, path));
      if (n !== rows) {
        throw new Error(
          `${join(root, path)} has ${n} rows but the Parquet of '${table}' has ${rows}: the run folder is inconsistent; re-run 'akhbar run'.`,
        );
      }
      out.push({ path, table, format, rows: n });
    }
  }
  return out;
}

const FINGERPRINT_COLUMNS = SCHEMA.articles.columns
  .map((c) => c.name)
  .filter((n) => n !== 'body' && n !== 'pipeline_version');

/** Stats for the card and a snapshot for the changelog, from the Parquet files of a data folder. */
async function summarize(
  root: string,
  files: Array<Pick<ReleaseFile, 'path' | 'table' | 'format'>>,
  version: string,
) {
  const parquetOf = (t: TableName) =>
    files.filter((f) => f.table === t && f.format === 'parquet').map((f) => f.path);
  // Articles are folded one Parquet file at a time: only the fingerprints stay in memory.
  const articles = new Map<string, string>();
  const sites = new Map<string, number>();
  const agencies = new Map<string, number>();
  const versions = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  let undated = 0;
  let duplicates = 0;
  const bump = (m: Map<string, number>, v: unknown) => {
    if (typeof v === 'string' && v !== '') m.set(v, (m.get(v) ?? 0) + 1);
  };
  await forEachColumns(root, parquetOf('articles'), [...FINGERPRINT_COLUMNS, 'pipeline_version'], (a, n) => {
    for (let i = 0; i < n; i++) {
      const id = (a.article_id as string[])[i] as string;
      articles.set(
        id,
        sha256(JSON.stringify(FINGERPRINT_COLUMNS.map((c) => (a[c] as unknown[])[i] ?? null))),
      );
      const date = (a.published_date as unknown[])[i];
      if (typeof date === 'string') {
        if (first === null || date < first) first = date;
        if (last === null || date > last) last = date;
      } else undated++;
      const dup = (a.duplicate_of as unknown[])[i];
      if (typeof dup === 'string' && dup !== '') duplicates++;
      bump(sites, (a.site as unknown[])[i]);
      bump(agencies, (a.agency as unknown[])[i]);
      versions.add(String((a.pipeline_version as unknown[])[i]));
    }
  });
  const e = await readColumns(root, parquetOf('entities'), [
    'entity_id',
    'type',
    'canonical_ar',
    'canonical_en',
    'mention_count',
    'article_count',
  ]);
  let mentions = 0;
  for (const f of parquetOf('mentions')) mentions += await countParquetRows(join(root, f), 'article_id');
  const entityRows = ((e.entity_id ?? []) as string[]).map((id, i) => ({
    entity_id: id,
    type: String((e.type as unknown[])[i]),
    canonical_ar: String((e.canonical_ar as unknown[])[i]),
    canonical_en: String((e.canonical_en as unknown[])[i]),
    mention_count: Number((e.mention_count as unknown[])[i]),
    article_count: Number((e.article_count as unknown[])[i]),
  }));
  const byCount = (m: Map<string, number>) =>
    [...m].sort((x, y) => y[1] - x[1] || compareCodeUnits(x[0], y[0]));
  const stats: ReleaseStats = {
    dateRange: first !== null && last !== null ? [first, last] : null,
    undated,
    duplicates,
    sites: byCount(sites),
    agencies: byCount(agencies),
    pipelineVersions: [...versions].sort(compareCodeUnits),
    topEntities: [...entityRows]
      .sort((x, y) => y.mention_count - x.mention_count || compareCodeUnits(x.entity_id, y.entity_id))
      .slice(0, 20),
  };
  const snapshot: ReleaseSnapshot = {
    version,
    articles,
    entities: new Set(entityRows.map((r) => r.entity_id)),
    mentions,
  };
  return { stats, snapshot };
}

/**
 * Build RELEASES/NAME/vX.Y.Z from a run folder: the tables under data/, datapackage.json,
 * croissant.json, README.md (dataset card with hub front matter), CITATION.cff, CHANGELOG.md and
 * SHA256SUMS; then the deterministic bundle RELEASES/NAME/NAME-vX.Y.Z.tar.gz and
 * RELEASES/NAME/index.json. The same run folder and options give byte-identical files and bundle.
 * The release appears atomically (built in a staging folder, then renamed).
 */
export async function buildRelease(options: BuildReleaseOptions): Promise<BuildReleaseResult> {
  const { runDir, name, version } = options;
  checkName(name);
  checkVersion(version);
  if (options.previous !== undefined) checkVersion(options.previous);
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
    throw new Error(`date '${options.date}' must be YYYY-MM-DD.`);
  const license = options.license ?? 'other';
  if (!/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(license))
    throw new Error(`license '${license}' is not an SPDX id (e.g. CC-BY-4.0) or 'other'.`);
  if (!(await exists(runDir)))
    throw new Error(`Run folder ${runDir} does not exist: run 'akhbar run INPUT --out DIR' first.`);
  const formats = new Set<TableFormat>(options.formats ?? TABLE_FORMATS);
  if (!formats.has('parquet'))
    throw new Error("A release always includes Parquet: add 'parquet' to formats.");

  const datasetDir = join(options.into ?? 'releases', name);
  const target = join(datasetDir, `v${version}`);
  const bundlePath = join(datasetDir, bundleName(name, version));
  const indexPath = join(datasetDir, 'index.json');
  if ((await exists(target)) && !options.overwrite) {
    throw new Error(
      `${target} already exists: releases are immutable; choose a new version (or pass overwrite to rebuild it).`,
    );
  }
  const warnings: string[] = [];
  const index = (await readIndex(indexPath)) ?? emptyIndex(name);
  if (index.name !== name) throw new Error(`${indexPath} belongs to dataset '${index.name}', not '${name}'.`);

  // The previous release: asked for, or the highest version below this one.
  let previous: string | null = options.previous ?? null;
  if (previous === null) {
    const earlier = index.versions.filter((v) => compareVersions(v.version, version) < 0);
    previous = earlier.length > 0 ? (earlier[earlier.length - 1] as { version: string }).version : null;
  }
  const previousDir = previous ? join(datasetDir, `v${previous}`) : null;
  if (previousDir && !(await exists(join(previousDir, 'datapackage.json')))) {
    throw new Error(
      `Previous release ${previous} not found at ${previousDir}; pass an existing version as previous.`,
    );
  }

  const found = await collectTables(runDir, formats);
  await mkdir(datasetDir, { recursive: true });
  const staging = join(datasetDir, `.staging-v${version}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    const files: ReleaseFile[] = [];
    for (const f of found) {
      const dest = join(staging, 'data', f.path);
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(join(runDir, f.path), dest);
      const h = await hashFile(dest);
      const file: ReleaseFile = { ...f, path: `data/${f.path}`, sha256: h.sha256, bytes: h.bytes };
      if (f.format === 'csv') file.bom = await hasBom(dest);
      files.push(file);
    }
    files.sort((x, y) => compareCodeUnits(x.path, y.path));
    const counts = emptyCounts();
    for (const f of files) if (f.format === 'parquet') counts[f.table] += f.rows;

    const { stats, snapshot } = await summarize(staging, files, version);
    let prevSnapshot: ReleaseSnapshot | null = null;
    let prevText: string | null = null;
    if (previousDir && previous) {
      const prevFiles = await collectTables(join(previousDir, 'data'), new Set(['parquet']));
      prevSnapshot = (await summarize(join(previousDir, 'data'), prevFiles, previous)).snapshot;
      prevText = (await exists(join(previousDir, 'CHANGELOG.md')))
        ? await readFile(join(previousDir, 'CHANGELOG.md'), 'utf8')
        : null;
    }
    if (!options.creators || options.creators.length === 0)
      warnings.push(
        'No creators given: the citation names "akhbar users"; pass creators to credit the people behind the dataset.',
      );
    if (license === 'other')
      warnings.push(
        "No licence given: the card says 'other'; pass license (an SPDX id) if you may redistribute the data.",
      );
    const info: ReleaseInfo = {
      name,
      version,
      title: options.title ?? name,
      description: options.description ?? DEFAULT_DESCRIPTION,
      license,
      creators:
        options.creators && options.creators.length > 0
          ? options.creators
          : [{ name: 'akhbar users', kind: 'Organization' }],
      date: options.date ?? null,
      homepage: options.homepage ?? null,
      sources: options.sources ?? [],
      files,
      counts,
      stats,
    };
    const docs: Array<[string, string]> = [
      ['datapackage.json', `${JSON.stringify(buildDatapackage(info), null, 2)}\n`],
      ['croissant.json', `${JSON.stringify(buildCroissant(info), null, 2)}\n`],
      ['README.md', buildCard(info)],
      ['CITATION.cff', buildCitation(info)],
      ['CHANGELOG.md', buildChangelog(name, snapshot, prevSnapshot, prevText)],
    ];
    for (const [file, text] of docs) await writeFileAtomic(join(staging, file), text);
    for (const [file, content] of Object.entries(options.extraFiles ?? {})) {
      if (
        !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) ||
        docs.some(([d]) => d === file) ||
        file === 'SHA256SUMS'
      )
        throw new Error(
          `extra file name '${file}' must be a plain file name that is not one of the release's own files.`,
        );
      await writeFileAtomic(join(staging, file), content);
    }
    const listed = await listFiles(staging);
    let sums = '';
    for (const f of listed) sums += `${(await hashFile(join(staging, f))).sha256}  ${f}\n`;
    await writeFileAtomic(join(staging, 'SHA256SUMS'), sums);
    const all = await listFiles(staging);
    let unpackedBytes = 0;
    for (const f of all) unpackedBytes += (await stat(join(staging, f))).size;

    const tmpBundle = `${bundlePath}.tmp-${process.pid}`;
    await packBundle(staging, all, releasePrefix(name, version), tmpBundle);
    const bundleHash = await hashFile(tmpBundle);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    await rename(tmpBundle, bundlePath);
    const updated = withVersion(index, {
      version,
      path: `v${version}/`,
      bundle: bundleName(name, version),
      sha256: bundleHash.sha256,
      bytes: bundleHash.bytes,
      unpacked_bytes: unpackedBytes,
      files: all.length,
      date: info.date,
      counts,
    });
    await writeFileAtomic(indexPath, `${JSON.stringify(updated, null, 2)}\n`);
    return {
      dir: target,
      bundle: bundlePath,
      index: indexPath,
      sha256: bundleHash.sha256,
      bytes: bundleHash.bytes,
      unpackedBytes,
      files: all,
      counts,
      previous,
      warnings,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${bundlePath}.tmp-${process.pid}`, { force: true });
  }
}
