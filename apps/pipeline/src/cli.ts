#!/usr/bin/env node
// The `akhbar` command line. Thin: parsing, config, signals and printing; the work is in run/merge
// and in the packages.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { type AkhbarConfig, loadConfig, parseFormats } from './config.js';
import { merge } from './merge.js';
import { PIPELINE_VERSION, type RunSummary, run } from './run.js';
import { type GazetteerEntry, parseGazetteer } from './stages.js';

const program = new Command();

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}
function shardArg(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m) throw new InvalidArgumentError('use i/n, e.g. 0/4 for the first of four shards');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new InvalidArgumentError('need 0 <= i < n');
  return { index, count };
}

function loadGazetteer(path: string): GazetteerEntry[] {
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
  return parseGazetteer(readFileSync(path, 'utf8'), format);
}

function printSummary(s: RunSummary): void {
  const secs = s.elapsedMs / 1000;
  const lines = [
    `akhbar ${PIPELINE_VERSION}: ${s.articles} articles, ${s.errors} errors rows (${s.flagged} flags on written articles), ${s.duplicates} duplicates`,
    `  ${s.inputs} inputs (${s.reusedInputs} unchanged, reused), ${s.records} records processed on ${s.workers} worker(s)`,
    `  ${s.mentions} mentions, ${s.entities} entities, ${s.removed} removed segments`,
    `  ${secs.toFixed(2)} s, ${(s.records / Math.max(secs, 1e-3)).toFixed(0)} records/s, ${(s.bytes / 1048576 / Math.max(secs, 1e-3)).toFixed(1)} MB/s`,
    `  outputs in ${s.out}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

program
  .name('akhbar')
  .description('Turn scraped Arabic news into clean, typed research datasets (CSV, Parquet, JSONL).')
  .version(PIPELINE_VERSION)
  .addHelpText(
    'after',
    `
Examples:
  $ akhbar run fixtures/raw --out out
  $ akhbar run 'crawl/**/*.html' crawl.jsonl pages.warc.gz --out out --workers 8
  $ akhbar run crawl --out shards/0 --shard 0/4      # one of four machines
  $ akhbar merge shards/0 shards/1 shards/2 shards/3 --out out
  $ akhbar run --config akhbar.config.json`,
  );

program
  .command('run')
  .description('Process inputs (files, folders, globs, JSONL, WARC) into the dataset tables')
  .argument('[inputs...]', 'files, folders or quoted globs of .txt/.html/.htm, .jsonl(.gz), .warc(.gz)')
  .option('-o, --out <dir>', 'output folder (default: out)')
  .option('-f, --formats <list>', 'comma-separated formats: csv,parquet,jsonl (default: all three)')
  .option('-w, --workers <n>', 'worker threads (default: all cores; 1 runs in-process)', positiveInt)
  .option('--force', 'reprocess every input, ignoring the manifest of the previous run')
  .option('--shard <i/n>', 'process only shard i of n (0-based); combine with `akhbar merge`', shardArg)
  .option('--strict', 'exit with code 2 when any input became an errors row')
  .option('--max-bytes <mb>', 'inputs larger than this many MB become errors rows (default 16)', Number)
  .option('--task-timeout <s>', 'seconds one record may take before it is stopped (default 120)', Number)
  .option('--gazetteer <file>', 'extra entities for the tagger (.json or .csv, see @akhbar/entities)')
  .option('--bom', 'start CSV files with a UTF-8 BOM so Excel shows Arabic')
  .option('--progress <mode>', 'auto | bar | lines | none', 'auto')
  .option(
    '-c, --config <file>',
    'read settings from this JSON file (default: ./akhbar.config.json if present)',
  )
  .addHelpText(
    'after',
    `
Examples:
  $ akhbar run fixtures/raw --out out
  $ akhbar run 'data/**/*.txt' --formats parquet --workers 4 --out out
  $ akhbar run crawl.warc.gz --out out --strict      # exit code 2 if any input failed
  $ akhbar run crawl --out out --force               # ignore the manifest, redo everything

Rerunning on the same --out reuses the results of unchanged inputs (see out/.akhbar/manifest.json).
Outputs are swapped in only when the run completes; an interrupted run leaves the old ones intact.`,
  )
  .action(async (inputs: string[], o: Record<string, unknown>) => {
    const configPath =
      (o.config as string | undefined) ??
      (existsSync('akhbar.config.json') ? 'akhbar.config.json' : undefined);
    const cfg: AkhbarConfig = configPath ? loadConfig(configPath) : {};
    const useInputs = inputs.length > 0 ? inputs : (cfg.inputs ?? []);
    if (useInputs.length === 0)
      throw new Error(
        'no inputs: give files or folders, e.g. `akhbar run fixtures/raw --out out`, or "inputs" in akhbar.config.json',
      );
    const gazPath = (o.gazetteer as string | undefined) ?? cfg.gazetteer;
    const ac = new AbortController();
    const onSignal = (sig: string) => {
      if (ac.signal.aborted) process.exit(130);
      process.stderr.write(`\nakhbar: ${sig}, stopping; previous outputs are kept\n`);
      ac.abort();
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    const maxMb = o.maxBytes as number | undefined;
    const timeout = o.taskTimeout as number | undefined;
    const summary = await run({
      inputs: useInputs,
      out: (o.out as string | undefined) ?? cfg.out ?? 'out',
      formats: o.formats ? parseFormats(o.formats) : cfg.formats,
      workers: (o.workers as number | undefined) ?? cfg.workers,
      force: o.force === true,
      shard: o.shard as { index: number; count: number } | undefined,
      maxBytes: maxMb !== undefined && maxMb > 0 ? Math.round(maxMb * 1048576) : cfg.maxBytes,
      taskTimeoutMs: timeout !== undefined && timeout > 0 ? timeout * 1000 : undefined,
      gazetteer: gazPath ? loadGazetteer(resolve(gazPath)) : undefined,
      bom: o.bom === true || cfg.bom === true,
      progress: o.progress as 'auto' | 'bar' | 'lines' | 'none',
      signal: ac.signal,
    });
    printSummary(summary);
    if ((o.strict === true || cfg.strict === true) && summary.errors > 0) process.exitCode = 2;
  });

program
  .command('merge')
  .description(
    'Combine shard outputs of `akhbar run --shard i/n` into one dataset, identical to a single run',
  )
  .argument('<shards...>', 'the --out folders of the shard runs')
  .requiredOption('-o, --out <dir>', 'output folder')
  .option('-f, --formats <list>', 'comma-separated formats: csv,parquet,jsonl (default: all three)')
  .option('--bom', 'start CSV files with a UTF-8 BOM')
  .addHelpText('after', '\nExample:\n  $ akhbar merge shards/0 shards/1 shards/2 shards/3 --out out')
  .action(async (shards: string[], o: Record<string, unknown>) => {
    const r = await merge({
      shards,
      out: o.out as string,
      formats: o.formats ? parseFormats(o.formats) : undefined,
      bom: o.bom === true,
    });
    process.stderr.write(
      `akhbar merge: ${r.shards} shards -> ${r.articles} articles, ${r.errors} errors rows, ${r.duplicates} duplicates in ${o.out}\n`,
    );
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`akhbar: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
