// `akhbar merge`: combine the outputs of `akhbar run --shard i/n` into the dataset a single run would
// have written. Each shard keeps its processed records (DIR/.akhbar/records.jsonl); merging replays
// them through the same assembly as `run` (ids, duplicates across shards, sorting, entities).
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type AssembleResult, assemble } from './assemble.js';
import { kindOf } from './discover.js';
import { lineBytesOf, lineText } from './lines.js';
import {
  INPUTS_FILE,
  InputsWriter,
  inputLines,
  type ManifestHeader,
  type ManifestInput,
  readManifestFile,
} from './manifest.js';
import { abandonOutput, beginOutput, commitOutput } from './output.js';
import type { Format, RecordResult } from './rows.js';
import { PIPELINE_VERSION } from './run.js';
import { Spool } from './spool.js';

export interface MergeOptions {
  shards: string[];
  out: string;
  formats?: Format[];
  bom?: boolean;
  /** As given to the shard runs; a different value gives the same rows in different Parquet parts. */
  rangeArticles?: number;
  cwd?: string;
}

export async function merge(opts: MergeOptions): Promise<AssembleResult & { shards: number }> {
  const cwd = opts.cwd ?? process.cwd();
  const dirs = opts.shards.map((s) => resolve(cwd, s));
  const manifests: ManifestHeader[] = [];
  const inputsOf: Array<AsyncIterable<[string, ManifestInput]>> = [];
  const seen = new Set<string>();
  for (const d of dirs) {
    const file = readManifestFile(join(d, '.akhbar', 'manifest.json'));
    const m = file?.version === 1 ? file.manifest : file?.header;
    if (!file || !m || !existsSync(join(d, '.akhbar', 'records.jsonl'))) {
      throw new Error(
        `${d} is not the output of \`akhbar run\` (no .akhbar/manifest.json or records.jsonl); give the --out folders of the shard runs`,
      );
    }
    if (m.pipeline_version !== PIPELINE_VERSION) {
      throw new Error(
        `${d} was written by pipeline ${m.pipeline_version}, this is ${PIPELINE_VERSION}; rerun that shard with this version`,
      );
    }
    if (m.shard) {
      if (seen.has(m.shard))
        throw new Error(`shard ${m.shard} is given twice (${d}); give each shard folder once`);
      seen.add(m.shard);
    }
    manifests.push(m);
    inputsOf.push(file.version === 1 ? entriesOf(file.manifest.inputs) : manifestEntries(file.inputsPath));
  }
  if (new Set(manifests.map((m) => m.settings)).size > 1) {
    throw new Error(
      'the shard folders were made with different settings (--max-bytes or --gazetteer); rerun them with the same settings',
    );
  }
  const counts = new Set(manifests.map((m) => m.shard?.split('/')[1]).filter(Boolean));
  if (counts.size > 1)
    throw new Error(
      'the folders come from runs with different shard counts; merge shards of one --shard i/n split',
    );
  const [n] = [...counts];
  if (n && seen.size !== Number(n)) {
    const missing = Array.from({ length: Number(n) }, (_, i) => `${i}/${n}`).filter((s) => !seen.has(s));
    throw new Error(
      `shards missing: ${missing.join(', ')}; run them first or merge will not equal a single run`,
    );
  }
  const tmp = beginOutput(resolve(cwd, opts.out));
  const meta = join(tmp, '.akhbar');
  mkdirSync(meta, { recursive: true });
  const spool = new Spool(join(meta, 'spool.jsonl'));
  try {
    for (const d of dirs) {
      const lines = lineBytesOf(createReadStream(join(d, '.akhbar', 'records.jsonl')));
      for await (const line of lines)
        if (line.length > 0) spool.addLine(JSON.parse(lineText(line)) as RecordResult, line);
    }
    const res = await assemble(spool, tmp, opts.formats ?? ['csv', 'parquet', 'jsonl'], {
      bom: opts.bom,
      threads: availableParallelism(),
      rangeArticles: opts.rangeArticles,
    });
    spool.saveAsRecords(join(meta, 'records.jsonl'));
    // The shards' inputs, streamed into one manifest. Loose files belong to one shard each; a JSONL
    // or WARC file is in every shard (its records were dealt out), so it is written once.
    const inputs = new InputsWriter(join(meta, INPUTS_FILE));
    const containers = new Set<string>();
    for (const lines of inputsOf) {
      for await (const [path, input] of lines) {
        const kind = kindOf(path);
        if (kind === 'jsonl' || kind === 'warc') {
          if (containers.has(path)) continue;
          containers.add(path);
        }
        inputs.add(path, input);
      }
    }
    inputs.close({ pipeline_version: PIPELINE_VERSION, settings: manifests[0]!.settings, shard: null });
    commitOutput(tmp, resolve(cwd, opts.out));
    return { ...res, shards: dirs.length };
  } catch (e) {
    spool.closeQuietly();
    abandonOutput(tmp);
    throw e;
  }
}

async function* entriesOf(inputs: Record<string, ManifestInput>): AsyncGenerator<[string, ManifestInput]> {
  for (const [path, input] of Object.entries(inputs)) yield [path, input];
}

async function* manifestEntries(path: string): AsyncGenerator<[string, ManifestInput]> {
  for await (const { input } of inputLines(path)) {
    const { path: p, ...rest } = input;
    yield [p, rest];
  }
}
