#!/usr/bin/env node
// The `akhbar` command line. Thin: parsing, config, signals and printing; the work is in run/merge
// and in the packages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildRelease, downloadRelease, readTable, validateRelease } from '@akhbar/dataset';
import { rankCandidates } from '@akhbar/entities';
import { Command, InvalidArgumentError } from 'commander';
import { type AkhbarConfig, loadConfig, parseFormats } from './config.js';
import { startWorkerHeapsLarger } from './heap.js';
import { merge } from './merge.js';
import { PIPELINE_VERSION, type RunSummary, run } from './run.js';
import { type GazetteerEntry, parseGazetteer } from './stages.js';

// The report draws its charts with jsdom, which takes ~0.3 s of the main thread to load: only the
// commands that write a report load it.
const report = () => import('./report/index.js');

startWorkerHeapsLarger();

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
  if (s.upToDate) {
    const lines = [
      `akhbar ${PIPELINE_VERSION}: outputs up to date: ${s.inputs} inputs, settings and tables unchanged since the last run, nothing written (--force writes them again)`,
      `  ${s.articles} articles, ${s.errors} errors rows (${s.flagged} flags on written articles), ${s.duplicates} duplicates`,
      `  ${s.mentions} mentions, ${s.entities} entities, ${s.removed} removed segments`,
      `  ${secs.toFixed(2)} s`,
      `  outputs in ${s.out}`,
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
    return;
  }
  const lines = [
    `akhbar ${PIPELINE_VERSION}: ${s.articles} articles, ${s.errors} errors rows (${s.flagged} flags on written articles), ${s.duplicates} duplicates`,
    `  ${s.inputs} inputs (${s.reusedInputs} unchanged, reused), ${s.records} records processed on ${s.workers ? `${s.workers} worker thread(s)` : 'the main thread'}`,
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
  // Options after a command name belong to that command (release and download have their own --version).
  .enablePositionalOptions()
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
  .option(
    '-w, --workers <n>',
    'worker threads, and threads writing the tables (default: all cores; fewer for a small run, one worker per 16 MB to process)',
    positiveInt,
  )
  .option('--force', 'reprocess every input and write every table, ignoring the manifest of the previous run')
  .option('--shard <i/n>', 'process only shard i of n (0-based); combine with `akhbar merge`', shardArg)
  .option('--strict', 'exit with code 2 when any input became an errors row')
  .option('--max-bytes <mb>', 'inputs larger than this many MB become errors rows (default 16)', Number)
  .option('--task-timeout <s>', 'seconds one record may take before it is stopped (default 120)', Number)
  .option(
    '--range-articles <n>',
    'articles per range written by one thread; Parquet part files end at range ends (default 2048)',
    positiveInt,
  )
  .option(
    '--gazetteer <file>',
    'extra entities for the tagger (.json or .csv, see @akhbar/entities); repeatable',
    (v: string, prev: string[]) => [...prev, v],
    [] as string[],
  )
  .option(
    '--model',
    "also run the learned tagger (ANERcorp perceptron) for names the gazetteer lacks: method 'model'; tagging is about 10x slower",
  )
  .option('--bom', 'start CSV files with a UTF-8 BOM so Excel shows Arabic')
  .option('--progress <mode>', 'auto | bar | lines | none', 'auto')
  .option('--summary-json <file>', 'also write the closing summary (counts, timings, peak RSS) as JSON')
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
  $ akhbar run crawl --out out --gazetteer mine.csv --model   # own entities + the learned tagger

Rerunning on the same --out reuses the results of unchanged inputs (see out/.akhbar/inputs.jsonl).
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
    const gazFlags = o.gazetteer as string[];
    const gazPaths = gazFlags.length > 0 ? gazFlags : (cfg.gazetteer ?? []);
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
      rangeArticles: o.rangeArticles as number | undefined,
      gazetteer: gazPaths.length > 0 ? gazPaths.flatMap((p) => loadGazetteer(resolve(p))) : undefined,
      model: o.model === true || cfg.model === true,
      bom: o.bom === true || cfg.bom === true,
      progress: o.progress as 'auto' | 'bar' | 'lines' | 'none',
      signal: ac.signal,
    });
    printSummary(summary);
    if (o.summaryJson) {
      const peakRssMb = process.resourceUsage().maxRSS / 1024;
      writeFileSync(o.summaryJson as string, `${JSON.stringify({ ...summary, peakRssMb }, null, 2)}\n`);
    }
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
  .option('--range-articles <n>', 'as given to `akhbar run` (default 2048)', positiveInt)
  .addHelpText('after', '\nExample:\n  $ akhbar merge shards/0 shards/1 shards/2 shards/3 --out out')
  .action(async (shards: string[], o: Record<string, unknown>) => {
    const r = await merge({
      shards,
      out: o.out as string,
      formats: o.formats ? parseFormats(o.formats) : undefined,
      bom: o.bom === true,
      rangeArticles: o.rangeArticles as number | undefined,
    });
    process.stderr.write(
      `akhbar merge: ${r.shards} shards -> ${r.articles} articles, ${r.errors} errors rows, ${r.duplicates} duplicates in ${o.out}\n`,
    );
  });

program
  .command('release')
  .description('Build a versioned, verifiable dataset release from the output of `akhbar run`')
  .argument('<rundir>', 'the --out folder of `akhbar run`')
  .requiredOption('--name <name>', 'dataset name (lower-case letters, digits, . _ -)')
  .requiredOption('--version <x.y.z>', 'release version')
  .option('--into <dir>', 'folder holding all releases', 'releases')
  .option('--previous <x.y.z>', 'version to compare with in CHANGELOG.md (default: the latest earlier one)')
  .option('--title <text>', 'title for the dataset card')
  .option('--description <text>', 'description for the dataset card')
  .option('--license <spdx>', 'licence of the data, e.g. CC-BY-4.0')
  .option('--creator <name...>', 'who made the dataset (repeatable)')
  .option('--date <yyyy-mm-dd>', 'release date (never taken from the clock, so rebuilds are byte-identical)')
  .option('--homepage <url>', 'landing page of the release')
  .option('--source <text...>', 'where the articles came from (repeatable)')
  .option('--overwrite', 'replace an existing release of the same version')
  .option('--no-report', 'leave the HTML report (report.html) out of the release')
  .addHelpText(
    'after',
    '\nExample:\n  $ akhbar release out --name arabic-diplomacy --version 1.0.0 --license CC-BY-4.0 --date 2026-01-15',
  )
  .action(async (runDir: string, o: Record<string, unknown>) => {
    // The release carries its report; the report is byte-identical for the same run, so bundles stay so.
    const title = `${(o.title as string | undefined) ?? (o.name as string)} v${o.version as string}`;
    const extraFiles: Record<string, string> =
      o.report === false ? {} : { 'report.html': await (await report()).buildReport(runDir, { title }) };
    const r = await buildRelease({
      runDir,
      extraFiles,
      name: o.name as string,
      version: o.version as string,
      into: o.into as string,
      previous: o.previous as string | undefined,
      title: o.title as string | undefined,
      description: o.description as string | undefined,
      license: o.license as string | undefined,
      creators: (o.creator as string[] | undefined)?.map((name) => ({ name })),
      date: o.date as string | undefined,
      homepage: o.homepage as string | undefined,
      sources: o.source as string[] | undefined,
      overwrite: o.overwrite === true,
    });
    process.stdout.write(`${r.dir}\n${r.bundle}  sha256 ${r.sha256}  ${r.bytes} bytes\n`);
  });

program
  .command('download')
  .description(
    'Fetch a release (from a folder or a static web server), verify every hash, extract atomically',
  )
  .argument('<source>', 'URL or folder holding the dataset index.json (RELEASES/NAME)')
  .requiredOption('-o, --out <dir>', 'folder to create with the release in it')
  .option('--version <v>', 'latest or X.Y.Z', 'latest')
  .option('--overwrite', 'replace --out if it exists (only once the new copy is verified)')
  .option('--timeout <s>', 'give up on a silent server after this many seconds', Number)
  .addHelpText(
    'after',
    '\nExamples:\n  $ akhbar download https://data.example.org/arabic-diplomacy --out data\n  $ akhbar download releases/arabic-diplomacy --version 1.0.0 --out data',
  )
  .action(async (source: string, o: Record<string, unknown>) => {
    const t = o.timeout as number | undefined;
    const r = await downloadRelease(source, {
      out: o.out as string,
      version: o.version as string,
      overwrite: o.overwrite === true,
      timeoutMs: t && t > 0 ? t * 1000 : undefined,
    });
    process.stdout.write(
      `${r.name} ${r.version}: ${r.files.length} files verified (sha256 ${r.sha256}) in ${r.dir}\n`,
    );
  });

program
  .command('validate')
  .description('Check a release folder: schema, hashes, row counts (exit code 1 on any problem)')
  .argument('<dir>', 'a release folder (RELEASES/NAME/vX.Y.Z or a downloaded copy)')
  .addHelpText('after', '\nExample:\n  $ akhbar validate releases/arabic-diplomacy/v1.0.0')
  .action(async (dir: string) => {
    const r = await validateRelease(dir);
    const counts = Object.entries(r.tables)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    if (r.ok) process.stdout.write(`ok: ${r.name ?? '?'} ${r.version ?? '?'}, ${r.files} files, ${counts}\n`);
    else {
      process.stderr.write(`invalid release ${dir}:\n${r.errors.map((e) => `  - ${e}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  });

program
  .command('report')
  .description(
    'Write one self-contained HTML report (timeline, entities, network, datelines, quality) of a run',
  )
  .argument('<dir>', 'the --out folder of `akhbar run`, or a release folder')
  .requiredOption('-o, --out <file>', 'HTML file to write')
  .option('--title <text>', 'heading of the page')
  .addHelpText('after', '\nExample:\n  $ akhbar report out --out report.html')
  .action(async (dir: string, o: Record<string, unknown>) => {
    const { writeReport } = await report();
    const r = await writeReport(dir, o.out as string, o.title ? { title: o.title as string } : {});
    process.stdout.write(`${o.out} (${r.bytes} bytes)\n`);
  });

const entitiesCmd = program.command('entities').description('Entity tools');
entitiesCmd
  .command('candidates')
  .description(
    'List names the gazetteer does not know (pattern and model mentions), most frequent first, as CSV',
  )
  .argument('<dir>', 'the --out folder of `akhbar run`')
  .option('--min-count <n>', 'only names seen at least this often', positiveInt, 1)
  .option('--limit <n>', 'at most this many rows', positiveInt)
  .addHelpText('after', '\nExample:\n  $ akhbar entities candidates out --min-count 3 > candidates.csv')
  .action(async (dir: string, o: Record<string, unknown>) => {
    const table = await readTable(dir, 'mentions');
    const rows = table.objects() as Array<{ surface: string; type: string; method: string }>;
    let list = rankCandidates(rows, { minCount: o.minCount as number });
    if (o.limit) list = list.slice(0, o.limit as number);
    const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [
      'type,count,surfaces,methods',
      ...list.map((c) =>
        [c.type, String(c.count), c.surfaces.join(' | '), c.methods.join(' | ')].map(cell).join(','),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`akhbar: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
