// Benchmark: time ColumnBuffer.push and bufferToParquet alone, on rows of a finished run.
//   pnpm --filter @akhbar/dataset bench:parquet RUN_OUT_DIR [ARTICLES] [REPEATS]
// RUN_OUT_DIR holds articles.jsonl and mentions.jsonl (e.g. `akhbar run ... --out DIR`); the first
// ARTICLES article rows and 40x as many mention rows (the corpus's ratio) are cut into parts of the
// pipeline's size (8 MB by cellBytes) and encoded REPEATS times; medians are reported per article:
// wall time of push and of bufferToParquet, and CPU time (all threads) of both together.
// ONLY=articles or ONLY=mentions times one table (e.g. under node --cpu-prof).
import { existsSync, readFileSync } from 'node:fs';
import { bufferToParquet, ColumnBuffer } from '../src/parquet.js';
import { type Cell, cellBytes, toCells } from '../src/rows.js';
import { SCHEMA, type TableName } from '../src/schema.js';

const [dir, articlesArg = '5000', repeatsArg = '7'] = process.argv.slice(2);
if (!dir || !existsSync(`${dir}/articles.jsonl`) || !existsSync(`${dir}/mentions.jsonl`)) {
  console.error(
    'usage: pnpm --filter @akhbar/dataset bench:parquet RUN_OUT_DIR [ARTICLES] [REPEATS]\n' +
      'RUN_OUT_DIR: the --out folder of an `akhbar run` with JSONL tables (articles.jsonl, mentions.jsonl)',
  );
  process.exit(2);
}
const articles = Number(articlesArg);
const repeats = Number(repeatsArg);
const PART_BYTES = 8 * 1024 * 1024;

function parts(table: TableName, limit: number): Cell[][][] {
  const spec = SCHEMA[table];
  const lines = readFileSync(`${dir}/${table}.jsonl`, 'utf8').split('\n', limit);
  const out: Cell[][][] = [[]];
  let bytes = 0;
  lines.forEach((line, i) => {
    if (!line) return;
    const cells = toCells(spec, JSON.parse(line), i);
    (out[out.length - 1] as Cell[][]).push(cells);
    bytes += cellBytes(cells);
    if (bytes >= PART_BYTES) {
      out.push([]);
      bytes = 0;
    }
  });
  return out.filter((p) => p.length > 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const only = process.env.ONLY;
for (const [table, rows] of [
  ['articles', articles],
  ['mentions', articles * 40],
] as const) {
  if (only && table !== only) continue;
  const data = parts(table, rows);
  const push: number[] = [];
  const encode: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  // One buffer per table for the whole run, as the writers keep theirs.
  const buffer = new ColumnBuffer(SCHEMA[table]);
  for (let r = 0; r < repeats; r++) {
    let tPush = 0;
    let tEncode = 0;
    bytes = 0;
    const c0 = process.cpuUsage();
    for (const part of data) {
      const t0 = performance.now();
      buffer.pushRows(part, 0, part.length);
      const t1 = performance.now();
      bytes += bufferToParquet(buffer).length;
      tEncode += performance.now() - t1;
      tPush += t1 - t0;
    }
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    push.push(tPush);
    encode.push(tEncode);
  }
  const per = (ms: number) => ((ms * 1000) / articles).toFixed(1);
  console.log(
    `${table.padEnd(9)} ${data.length} parts, ${bytes} Parquet bytes: push ${per(median(push))} µs/article, ` +
      `bufferToParquet ${per(median(encode))} µs/article, both in CPU ${per(median(cpu))} µs/article ` +
      `(median of ${repeats}; bufferToParquet runs ${encode.map(per).join(' ')})`,
  );
}
