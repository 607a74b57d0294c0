import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../files.js';
import { parseIndex } from './index-file.js';
import { type ValidationReport, validateRelease } from './validate.js';

export interface DatasetValidationReport {
  ok: boolean;
  dir: string;
  name: string | null;
  /** Problems with index.json and the bundles. */
  errors: string[];
  /** One report per version folder present beside the index. */
  versions: ValidationReport[];
}

/**
 * Check a dataset folder (RELEASES/NAME, the one holding index.json): every bundle the index
 * lists exists with the size and SHA-256 it gives, and every version folder present validates
 * (see validateRelease) and has the counts the index gives. Never throws for a bad folder.
 */
export async function validateDataset(dir: string): Promise<DatasetValidationReport> {
  const errors: string[] = [];
  const report: DatasetValidationReport = { ok: false, dir, name: null, errors, versions: [] };
  let text: string;
  try {
    text = await readFile(join(dir, 'index.json'), 'utf8');
  } catch {
    errors.push(`${join(dir, 'index.json')} is missing: pass a dataset folder (RELEASES/NAME).`);
    return report;
  }
  let index: ReturnType<typeof parseIndex>;
  try {
    index = parseIndex(text, join(dir, 'index.json'));
  } catch (err) {
    errors.push((err as Error).message);
    return report;
  }
  report.name = index.name;
  for (const v of index.versions) {
    const bundle = join(dir, v.bundle);
    const h = await hashFile(bundle).catch(() => null);
    if (!h) errors.push(`${v.bundle} (version ${v.version}) is listed in index.json but missing.`);
    else if (h.sha256 !== v.sha256 || h.bytes !== v.bytes) {
      errors.push(
        `${v.bundle} does not match index.json (SHA-256 ${h.sha256}, ${h.bytes} bytes; index says ${v.sha256}, ${v.bytes} bytes).`,
      );
    }
    const folder = join(dir, `v${v.version}`);
    if (!(await stat(folder).catch(() => null))) continue;
    const r = await validateRelease(folder);
    report.versions.push(r);
    if (!r.ok) errors.push(`v${v.version}: ${r.errors.join(' ')}`);
    else if (r.version !== v.version) errors.push(`v${v.version} holds version ${r.version}.`);
    else {
      for (const [table, n] of Object.entries(r.tables)) {
        const want = (v.counts as Record<string, number>)[table];
        if (want !== n) errors.push(`v${v.version}: ${table} has ${n} rows, index.json says ${want}.`);
      }
    }
  }
  report.ok = errors.length === 0;
  return report;
}
