// `akhbar merge`: combine the outputs of `akhbar run --shard i/n` into the dataset a single run would
// have written. Each shard keeps its processed records (DIR/.akhbar/records.jsonl); merging replays
// them through the same assembly as `run` (ids, duplicates across shards, sorting, entities).
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type AssembleResult, assemble } from './assemble.js';
import { type Manifest, readManifest } from './manifest.js';
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
  const manifests: Manifest[] = [];
  const seen = new Set<string>();
  for (const d of dirs) {
    const m = readManifest(join(d, '.akhbar', 'manifest.json'));
    if (!m || !existsSync(join(d, '.akhbar', 'records.jsonl'))) {
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
      const rl = createInterface({
        input: createReadStream(join(d, '.akhbar', 'records.jsonl')),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of rl) if (line) spool.add(JSON.parse(line) as RecordResult);
    }
    const res = await assemble(spool, tmp, opts.formats ?? ['csv', 'parquet', 'jsonl'], {
      bom: opts.bom,
      threads: availableParallelism(),
      rangeArticles: opts.rangeArticles,
    });
    spool.saveAsRecords(join(meta, 'records.jsonl'));
    const inputs = Object.assign({}, ...manifests.map((m) => m.inputs)) as Manifest['inputs'];
    const merged: Manifest = {
      manifest_version: 1,
      pipeline_version: PIPELINE_VERSION,
      settings: manifests[0]!.settings,
      shard: null,
      inputs,
    };
    writeFileSync(join(meta, 'manifest.json'), `${JSON.stringify(merged, null, 2)}\n`);
    commitOutput(tmp, resolve(cwd, opts.out));
    return { ...res, shards: dirs.length };
  } catch (e) {
    spool.closeQuietly();
    abandonOutput(tmp);
    throw e;
  }
}
