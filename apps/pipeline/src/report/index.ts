// The dataset report: `buildReport(dir)` reads the output folder of `akhbar run` and returns one
// self-contained HTML page; `writeReport(dir, file)` writes it.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { aggregate } from './aggregate.js';
import { renderCharts } from './charts.js';
import { renderPage } from './html.js';
import { loadRun } from './load.js';
import type { ReportData, ReportInput, ReportOptions } from './types.js';

export { aggregate, DEFAULTS, monthOf } from './aggregate.js';
export { loadRun } from './load.js';
export type * from './types.js';

/** The page for aggregates already computed (the pure half of buildReport). */
export function renderReport(data: ReportData): string {
  return renderPage(data, renderCharts(data));
}

/** The page for columns already loaded, e.g. by a caller that holds the run in memory. */
export function reportFromInput(input: ReportInput, options: ReportOptions = {}): string {
  return renderReport(aggregate(input, options));
}

/** Reads DIR (the --out folder of `akhbar run`) and returns the report as one self-contained HTML string. */
export async function buildReport(inputDir: string, options: ReportOptions = {}): Promise<string> {
  const input = await loadRun(inputDir);
  return reportFromInput(input, { title: basename(resolve(inputDir)), ...options });
}

/** Builds the report of DIR and writes it to outFile atomically (a temporary file, then a rename). */
export async function writeReport(
  inputDir: string,
  outFile: string,
  options: ReportOptions = {},
): Promise<{ bytes: number }> {
  const html = await buildReport(inputDir, options);
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  const tmp = `${outFile}.tmp-${process.pid}`;
  writeFileSync(tmp, html);
  renameSync(tmp, outFile);
  return { bytes: Buffer.byteLength(html) };
}
