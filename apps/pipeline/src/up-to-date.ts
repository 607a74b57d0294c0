// A rerun whose tables would be the previous run's, byte for byte, leaves them as they are. The
// tables depend only on the inputs' bytes, the pipeline's version and settings (the manifest's
// header, checked when the previous inputs are opened) and the output options (formats, BOM, range
// size): every table is sorted and written deterministically. So when every input is unchanged and
// none has gone, writing the tables again, most of such a rerun's time, would give the same files,
// unless someone changed them since: each file's size and mtime are recorded and checked.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '@akhbar/dataset';
import type { AssembleResult } from './assemble.js';
import type { Format } from './rows.js';

export interface OutputOptions {
  formats: Format[];
  bom: boolean;
  rangeArticles: number;
}

/** What manifest.json records of the tables a run wrote. */
export interface ManifestOutputs {
  /** Sorted. */
  formats: Format[];
  bom: boolean;
  range_articles: number;
  result: Omit<AssembleResult, 'planMs'>;
  /** Size and mtime (ms) of each file, by path relative to the output folder. */
  files: Record<string, [number, number]>;
}

/** Size and mtime of every file in `dir` and its folders (Parquet parts), but not in .akhbar. */
async function outputFiles(dir: string): Promise<ManifestOutputs['files']> {
  const files: ManifestOutputs['files'] = {};
  for (const rel of await listFiles(dir)) {
    if (rel.startsWith('.akhbar/')) continue;
    const st = statSync(join(dir, rel));
    files[rel] = [st.size, st.mtimeMs];
  }
  return files;
}

/** The record of the tables just written in `dir` (before it is renamed: a rename keeps mtimes). */
export async function describeOutputs(
  dir: string,
  options: OutputOptions,
  result: AssembleResult,
): Promise<ManifestOutputs> {
  const { planMs: _, ...counts } = result;
  return {
    formats: [...options.formats].sort(),
    bom: options.bom,
    range_articles: options.rangeArticles,
    result: counts,
    files: await outputFiles(dir),
  };
}

const sameFiles = (a: ManifestOutputs['files'], b: ManifestOutputs['files']) => {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => b[k] !== undefined && b[k][0] === a[k]![0] && b[k][1] === a[k]![1])
  );
};

/**
 * The previous run's record of its tables in `out` (`recorded`, from its manifest) when they are
 * exactly what a run with `options` would write, given that its inputs and settings are unchanged:
 * same options, and every file still there with its size and mtime. Else null.
 */
export async function currentOutputs(
  out: string,
  recorded: unknown,
  options: OutputOptions,
): Promise<ManifestOutputs | null> {
  const r = recorded as Partial<ManifestOutputs> | null | undefined;
  if (
    !r ||
    typeof r !== 'object' ||
    !Array.isArray(r.formats) ||
    typeof r.result !== 'object' ||
    r.result === null ||
    typeof r.files !== 'object' ||
    r.files === null ||
    r.bom !== options.bom ||
    r.range_articles !== options.rangeArticles ||
    r.formats.join(',') !== [...options.formats].sort().join(',')
  )
    return null;
  try {
    // A link or other odd entry makes listFiles throw: then the tables are written again.
    return sameFiles(r.files, await outputFiles(out)) ? (r as ManifestOutputs) : null;
  } catch {
    return null;
  }
}
