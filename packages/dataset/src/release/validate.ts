import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { countCsvRecords, countLines, countParquetRows, hashFile, listFiles, readHead } from '../files.js';
import { isTableName, SCHEMA, TABLE_NAMES, type TableName } from '../schema.js';
import { parquetSchemaProblems } from './schema-check.js';

export interface ValidationReport {
  ok: boolean;
  dir: string;
  name: string | null;
  version: string | null;
  /** Each problem found, in a sentence. Empty when ok. */
  errors: string[];
  /** Row count per table (from Parquet). */
  tables: Partial<Record<TableName, number>>;
  /** Files checked against SHA256SUMS. */
  files: number;
}

interface Resource {
  name?: string;
  path?: unknown;
  format?: string;
  bytes?: number;
  hash?: string;
  table?: string;
  rows?: number;
  schema?: { fields?: Array<{ name?: string }> };
}

async function readJson(path: string, errors: string[]): Promise<Record<string, unknown> | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    errors.push(
      `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `not valid JSON (${(err as Error).message})`}.`,
    );
    return null;
  }
}

/** The first line of a CSV file, without BOM or line break (column names hold no quotes or newlines). */
async function csvHeaderLine(path: string): Promise<string> {
  const text = (await readHead(path, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** Split README.md into its YAML front matter (parsed) and body; null when there is none. */
export function readFrontMatter(text: string): Record<string, unknown> | null {
  if (!text.startsWith('---\n')) return null;
  const end = text.indexOf('\n---\n', 4);
  if (end < 0) return null;
  return parseYaml(text.slice(4, end)) as Record<string, unknown>;
}

/**
 * Check a release folder: every file against SHA256SUMS (and no file unlisted), every
 * datapackage.json resource's size and hash, each Parquet file's columns and types against the
 * schema, row counts against datapackage.json and across formats, and that croissant.json and
 * the card's front matter agree with datapackage.json. Never throws for a bad release: the
 * report lists every problem.
 */
export async function validateRelease(dir: string): Promise<ValidationReport> {
  const errors: string[] = [];
  const report: ValidationReport = {
    ok: false,
    dir,
    name: null,
    version: null,
    errors,
    tables: {},
    files: 0,
  };
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    errors.push(`${dir} is not a folder: pass a release folder (RELEASES/NAME/vX.Y.Z).`);
    return report;
  }

  // 1. SHA256SUMS covers every file, and every hash matches.
  const hashes = new Map<string, { sha256: string; bytes: number }>();
  let present: string[] = [];
  try {
    present = await listFiles(dir);
  } catch (err) {
    errors.push((err as Error).message);
  }
  let sums = '';
  try {
    sums = await readFile(join(dir, 'SHA256SUMS'), 'utf8');
  } catch {
    errors.push(`${join(dir, 'SHA256SUMS')} is missing: this is not a complete release.`);
  }
  const listed = new Set<string>();
  for (const line of sums.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      errors.push(`SHA256SUMS: cannot read line '${line.slice(0, 80)}'.`);
      continue;
    }
    const [, want, path] = m as unknown as [string, string, string];
    if (path.split('/').includes('..') || path.startsWith('/')) {
      errors.push(`SHA256SUMS lists '${path}', outside the release.`);
      continue;
    }
    listed.add(path);
    if (!present.includes(path)) {
      errors.push(`${path} is listed in SHA256SUMS but missing.`);
      continue;
    }
    const h = await hashFile(join(dir, path));
    hashes.set(path, h);
    if (h.sha256 !== want)
      errors.push(`${path} does not match its SHA-256 in SHA256SUMS: the file was changed or damaged.`);
  }
  for (const f of present)
    if (f !== 'SHA256SUMS' && !listed.has(f)) errors.push(`${f} is not listed in SHA256SUMS.`);
  report.files = listed.size;

  // 2. datapackage.json: resources, schemas, row counts.
  const pkg = await readJson(join(dir, 'datapackage.json'), errors);
  const rowsBy = new Map<string, number>();
  if (pkg) {
    report.name = typeof pkg.name === 'string' ? pkg.name : null;
    report.version = typeof pkg.version === 'string' ? pkg.version : null;
    const resources = (Array.isArray(pkg.resources) ? pkg.resources : []) as Resource[];
    for (const r of resources) {
      const path = typeof r.path === 'string' ? r.path : '';
      const label = `datapackage.json resource '${r.name ?? path}'`;
      if (!r.table || !isTableName(r.table)) {
        errors.push(`${label}: unknown table '${r.table}'.`);
        continue;
      }
      const table = r.table;
      const h = hashes.get(path) ?? (present.includes(path) ? await hashFile(join(dir, path)) : null);
      if (!h) {
        errors.push(`${label}: file ${path} is missing.`);
        continue;
      }
      if (r.bytes !== h.bytes)
        errors.push(`${label}: ${path} has ${h.bytes} bytes, datapackage.json says ${r.bytes}.`);
      if (r.hash !== `sha256:${h.sha256}`)
        errors.push(`${label}: ${path} does not match its hash in datapackage.json.`);
      const names = (r.schema?.fields ?? []).map((f) => f.name);
      if (names.join(',') !== SCHEMA[table].columns.map((c) => c.name).join(',')) {
        errors.push(`${label}: its Table Schema fields are not the ${table} columns of schema v1.`);
      }
      let rows: number;
      try {
        if (r.format === 'parquet') {
          const problems = parquetSchemaProblems(
            new Uint8Array(await readFile(join(dir, path))),
            table,
            path,
          );
          errors.push(...problems);
          if (problems.length > 0) continue;
          rows = await countParquetRows(join(dir, path), (SCHEMA[table].columns[0] as { name: string }).name);
        } else if (r.format === 'csv') {
          const header = await csvHeaderLine(join(dir, path));
          const want = SCHEMA[table].columns.map((c) => c.name).join(',');
          if (header !== want)
            errors.push(
              `${label}: ${path} starts with header '${header.slice(0, 200)}', expected '${want}'.`,
            );
          rows = await countCsvRecords(join(dir, path));
        } else if (r.format === 'jsonl') rows = await countLines(join(dir, path));
        else {
          errors.push(`${label}: unknown format '${r.format}'.`);
          continue;
        }
      } catch (err) {
        errors.push(`${label}: cannot read ${path} (${(err as Error).message}).`);
        continue;
      }
      if (rows !== r.rows)
        errors.push(`${label}: ${path} has ${rows} rows, datapackage.json says ${r.rows}.`);
      const key = `${table}\u0000${r.format}`;
      rowsBy.set(key, (rowsBy.get(key) ?? 0) + rows);
    }
    for (const table of TABLE_NAMES) {
      const parquet = rowsBy.get(`${table}\u0000parquet`);
      if (parquet === undefined) {
        errors.push(`datapackage.json has no Parquet resource for table '${table}'.`);
        continue;
      }
      report.tables[table] = parquet;
      for (const format of ['csv', 'jsonl']) {
        const n = rowsBy.get(`${table}\u0000${format}`);
        if (n !== undefined && n !== parquet)
          errors.push(`${table}: ${format} has ${n} rows but Parquet has ${parquet}.`);
      }
    }

    // 3. croissant.json agrees with datapackage.json.
    const cr = await readJson(join(dir, 'croissant.json'), errors);
    if (cr) {
      const objects = new Map<string, string>();
      for (const d of (Array.isArray(cr.distribution) ? cr.distribution : []) as Array<
        Record<string, unknown>
      >) {
        if (d['@type'] === 'cr:FileObject') objects.set(String(d.contentUrl), String(d.sha256));
      }
      for (const r of resources) {
        const path = String(r.path);
        if (objects.get(path) !== String(r.hash).replace(/^sha256:/, '')) {
          errors.push(`croissant.json does not list ${path} with the SHA-256 datapackage.json gives.`);
        }
      }
      if (objects.size !== resources.length)
        errors.push('croissant.json and datapackage.json list different files.');
      if (cr.version !== pkg.version || cr.name !== pkg.name)
        errors.push('croissant.json and datapackage.json name a different dataset or version.');
      const sets = (Array.isArray(cr.recordSet) ? cr.recordSet : []) as Array<{
        name?: string;
        field?: Array<{ name?: string }>;
      }>;
      for (const table of TABLE_NAMES) {
        const set = sets.find((s) => s.name === table);
        const names = (set?.field ?? []).map((f) => f.name).join(',');
        if (names !== SCHEMA[table].columns.map((c) => c.name).join(','))
          errors.push(`croissant.json RecordSet '${table}' does not have the schema's fields.`);
      }
    }

    // 4. The card's front matter names every table's Parquet files.
    try {
      const fm = readFrontMatter(await readFile(join(dir, 'README.md'), 'utf8'));
      if (!fm) errors.push('README.md has no YAML front matter.');
      else {
        const configs = (Array.isArray(fm.configs) ? fm.configs : []) as Array<{
          config_name?: string;
          data_files?: Array<{ path?: string }>;
        }>;
        for (const table of TABLE_NAMES) {
          const cfg = configs.find((c) => c.config_name === table);
          const path = cfg?.data_files?.[0]?.path;
          if (!path || !(path === `data/${table}.parquet` || path === `data/${table}/*.parquet`)) {
            errors.push(`README.md front matter has no config with the Parquet files of '${table}'.`);
          }
        }
      }
    } catch (err) {
      errors.push(`README.md: ${(err as Error).message}`);
    }
  }
  report.ok = errors.length === 0;
  return report;
}
