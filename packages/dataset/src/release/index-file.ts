import { SCHEMA_VERSION, TABLE_NAMES, type TableName } from '../schema.js';
import { checkName, compareVersions, SEMVER } from './model.js';

export interface ReleaseIndexEntry {
  version: string;
  /** The release folder, relative to the index: 'v1.0.0/'. */
  path: string;
  /** The bundle, relative to the index: 'NAME-v1.0.0.tar.gz'. */
  bundle: string;
  sha256: string;
  bytes: number;
  /** Total size of the files inside the bundle. */
  unpacked_bytes: number;
  files: number;
  date: string | null;
  counts: Record<TableName, number>;
}

export interface ReleaseIndex {
  name: string;
  schema_version: number;
  latest: string;
  versions: ReleaseIndexEntry[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Parse and check an index.json; `from` names it in errors. */
export function parseIndex(text: string, from: string): ReleaseIndex {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${from} is not valid JSON: is this the folder that holds a dataset's index.json?`);
  }
  const bad = (why: string): never => {
    throw new Error(`${from} is not an akhbar release index: ${why}.`);
  };
  if (typeof data !== 'object' || data === null) bad('expected an object');
  const idx = data as Record<string, unknown>;
  if (typeof idx.name !== 'string') bad("'name' is missing");
  checkName(idx.name as string);
  if (!Array.isArray(idx.versions)) bad("'versions' is missing");
  for (const v of idx.versions as Record<string, unknown>[]) {
    if (typeof v !== 'object' || v === null) bad('a version entry is not an object');
    if (typeof v.version !== 'string' || !SEMVER.test(v.version))
      bad(`version '${String(v.version)}' is not X.Y.Z`);
    if (
      typeof v.bundle !== 'string' ||
      v.bundle.includes('/') ||
      v.bundle.includes('\\') ||
      v.bundle.startsWith('.')
    ) {
      bad(`bundle of ${v.version} must be a plain file name`);
    }
    if (typeof v.sha256 !== 'string' || !HEX64.test(v.sha256))
      bad(`sha256 of ${v.version} is not 64 hex digits`);
    for (const k of ['bytes', 'unpacked_bytes', 'files'] as const) {
      if (!Number.isSafeInteger(v[k]) || (v[k] as number) < 0) bad(`${k} of ${v.version} is not a count`);
    }
  }
  return idx as unknown as ReleaseIndex;
}

export function emptyIndex(name: string): ReleaseIndex {
  return { name, schema_version: SCHEMA_VERSION, latest: '', versions: [] };
}

/** Add or replace a version; versions stay sorted and `latest` is the highest. */
export function withVersion(index: ReleaseIndex, entry: ReleaseIndexEntry): ReleaseIndex {
  const versions = index.versions.filter((v) => v.version !== entry.version).concat(entry);
  versions.sort((a, b) => compareVersions(a.version, b.version));
  return {
    name: index.name,
    schema_version: SCHEMA_VERSION,
    latest: (versions[versions.length - 1] as ReleaseIndexEntry).version,
    versions,
  };
}

/** The entry for 'latest' or an exact version, or an error listing what there is. */
export function pickVersion(index: ReleaseIndex, version: string, from: string): ReleaseIndexEntry {
  const available = index.versions.map((v) => v.version);
  if (available.length === 0) throw new Error(`${from} lists no versions of ${index.name}.`);
  const want =
    version === 'latest'
      ? index.latest || (available[available.length - 1] as string)
      : version.replace(/^v/, '');
  const entry = index.versions.find((v) => v.version === want);
  if (!entry)
    throw new Error(
      `Version ${want} of ${index.name} is not in ${from}; available: ${available.join(', ')}.`,
    );
  return entry;
}

export function emptyCounts(): Record<TableName, number> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
}
