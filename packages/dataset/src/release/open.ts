import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as aq from 'arquero';
import { readTable } from '../read.js';
import { TABLE_NAMES, type TableName } from '../schema.js';
import { downloadRelease, readDatapackage, readReleaseIndex, splitVersionSource } from './download.js';
import { pickVersion } from './index-file.js';
import { type ValidationReport, validateRelease } from './validate.js';

export interface OpenReleaseOptions {
  /** For an index (folder or URL): 'latest' (default) or X.Y.Z. */
  version?: string;
  /** Where downloaded releases are kept; default <os tmp>/akhbar-releases. A verified copy there is reused. */
  cacheDir?: string;
  /** Check every hash before use (default true). */
  verify?: boolean;
}

export interface Release {
  dir: string;
  name: string;
  version: string;
  datapackage: Record<string, unknown>;
  tables: readonly TableName[];
  /** One table as an arquero table (Parquet, all parts). */
  read(name: TableName): Promise<aq.ColumnTable>;
  /** Every table. */
  readAll(): Promise<Record<TableName, aq.ColumnTable>>;
}

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

function invalid(report: ValidationReport): Error {
  return new Error(`${report.dir} does not verify: ${report.errors.join(' ')} Download it again.`);
}

/**
 * Open a release for reading: a release folder (RELEASES/NAME/vX.Y.Z), or a dataset's index
 * (a folder or an http(s) URL holding index.json), which is downloaded and verified into the
 * cache first. Tables are read lazily as arquero tables.
 */
export async function openRelease(pathOrUrl: string, options: OpenReleaseOptions = {}): Promise<Release> {
  const verify = options.verify ?? true;
  let dir: string;
  if (
    !/^https?:\/\//i.test(pathOrUrl) &&
    (await isDir(pathOrUrl)) &&
    (await stat(join(pathOrUrl, 'datapackage.json')).catch(() => null))
  ) {
    dir = pathOrUrl;
    if (verify) {
      const report = await validateRelease(dir);
      if (!report.ok) throw invalid(report);
    }
  } else {
    const split = splitVersionSource(pathOrUrl);
    const index = await readReleaseIndex(split.source);
    const entry = pickVersion(index, split.version ?? options.version ?? 'latest', pathOrUrl);
    dir = join(options.cacheDir ?? join(tmpdir(), 'akhbar-releases'), index.name, `v${entry.version}`);
    let cached = false;
    if (await isDir(dir)) {
      const report = await validateRelease(dir);
      cached = report.ok && report.version === entry.version;
    }
    if (!cached) await downloadRelease(pathOrUrl, { version: entry.version, out: dir, overwrite: true });
  }
  const datapackage = await readDatapackage(dir);
  const data = join(dir, 'data');
  const release: Release = {
    dir,
    name: String(datapackage.name),
    version: String(datapackage.version),
    datapackage,
    tables: TABLE_NAMES,
    read: (name) => readTable(data, name, { format: 'parquet' }),
    async readAll() {
      const out = {} as Record<TableName, aq.ColumnTable>;
      for (const t of TABLE_NAMES) out[t] = await readTable(data, t, { format: 'parquet' });
      return out;
    },
  };
  return release;
}
