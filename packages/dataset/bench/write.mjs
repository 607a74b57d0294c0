// Benchmark: stream synthetic rows through openTableWriters (CSV + Parquet + JSONL) and compare
// with peers in the same run. Each case runs in its own child process so peak RSS is its own.
//   node bench/write.mjs            all cases (1,000,000 mention rows; 50,000 articles)
//   AKHBAR_BENCH_ROWS=200000 AKHBAR_BENCH_ARTICLES=10000 node bench/write.mjs   a quicker run
// Synthetic data: words drawn with a fixed-seed generator from a small hand-made Arabic list (no
// benchmark page text), so every run writes the same bytes.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MENTION_ROWS = Number(process.env.AKHBAR_BENCH_ROWS ?? 1_000_000);
const ARTICLE_ROWS = Number(process.env.AKHBAR_BENCH_ARTICLES ?? 50_000);
const BATCH = 10_000;

const WORDS = (
  'قال وزير الخارجية إن البلدين يعملان معا من أجل تعزيز التعاون في مجالات الاقتصاد والتجارة والطاقة ' +
  'وأضاف أن الجانبين اتفقا على مواصلة الحوار بشأن القضايا الإقليمية والدولية ذات الاهتمام المشترك ' +
  'وأكد الرئيس خلال لقائه نظيره في العاصمة أهمية الشراكة الاستراتيجية الشاملة بين الشعبين الصديقين ' +
  'وأشارت الوكالة إلى أن الاجتماع تناول التطورات الأخيرة في المنطقة وسبل دعم السلام والاستقرار والتنمية'
).split(' ');
const ENTITIES = [
  ['loc:china', 'LOC', 'الصين', 'China'],
  ['loc:russia', 'LOC', 'روسيا', 'Russia'],
  ['loc:egypt', 'LOC', 'مصر', 'Egypt'],
  ['per:wang-yi', 'PERSON', 'وانغ يي', 'Wang Yi'],
  ['per:lavrov', 'PERSON', 'سيرغي لافروف', 'Sergey Lavrov'],
  ['org:xinhua', 'ORG', 'وكالة أنباء شينخوا', 'Xinhua'],
  ['org:un', 'ORG', 'الأمم المتحدة', 'United Nations'],
];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* mentionBatches(n) {
  const r = rng(1);
  for (let i = 0; i < n; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const [id, type, ar, en] = ENTITIES[Math.floor(r() * ENTITIES.length)];
      const start = Math.floor(r() * 3000);
      batch.push({
        article_id: `a${String(Math.floor(j / 8)).padStart(8, '0')}`,
        entity_id: id,
        type,
        surface: ar,
        canonical_ar: ar,
        canonical_en: en,
        start,
        end: start + ar.length,
        method: r() < 0.8 ? 'gazetteer' : 'alias',
        confidence: Math.round(r() * 100) / 100,
        role: null,
      });
    }
    yield batch;
  }
}

/** Articles of 300-500 words (about 2,000-3,500 characters), in paragraphs. */
function* articleBatches(n) {
  const r = rng(2);
  for (let i = 0; i < n; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const words = 300 + Math.floor(r() * 200);
      // join, not +=: a body built by += is a rope of 800 nodes until flattened.
      const parts = [];
      for (let w = 0; w < words; w++)
        parts.push(WORDS[Math.floor(r() * WORDS.length)], w % 60 === 59 ? '.\n\n' : ' ');
      const body = parts.join('');
      const day = 1 + (j % 28);
      batch.push({
        article_id: `a${String(j).padStart(8, '0')}`,
        source_path: `crawl/${j}.html`,
        url: `https://example.org/news/${j}`,
        site: j % 2 ? 'arabic.news.cn' : 'arabic.people.com.cn',
        title: WORDS.slice(j % 40, (j % 40) + 8).join(' '),
        body: body.trim(),
        published: `2025-03-${String(day).padStart(2, '0')}`,
        published_source: 'dateline',
        weekday: 'Monday',
        dateline_place: 'بكين',
        agency: 'Xinhua',
        word_count: words,
        content_sha256: 'f'.repeat(64),
        duplicate_of: null,
        pipeline_version: '0.1.0',
        entity_ids: ['loc:china', 'per:wang-yi'],
      });
    }
    yield batch;
  }
}

function dirBytes(dir, ext = '') {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p, ext) : e.name.endsWith(ext) ? statSync(p).size : 0;
  }
  return n;
}

function inputBytes(batches) {
  let n = 0;
  for (const b of batches) for (const row of b) n += Buffer.byteLength(JSON.stringify(row));
  return n;
}

async function runCase(name, table) {
  const out = mkdtempSync(join(tmpdir(), 'akhbar-bench-'));
  const rows = table === 'mentions' ? MENTION_ROWS : ARTICLE_ROWS;
  const batches = () => (table === 'mentions' ? mentionBatches(rows) : articleBatches(rows));
  const t0 = process.hrtime.bigint();
  if (name === 'akhbar' || name === 'akhbar-parquet') {
    const { openTableWriters } = await import('../dist/index.js');
    const formats = name === 'akhbar' ? undefined : ['parquet'];
    const partBytes = process.env.AKHBAR_BENCH_PART_BYTES
      ? Number(process.env.AKHBAR_BENCH_PART_BYTES)
      : undefined;
    const w = await openTableWriters(out, { partBytes, formats });
    for (const b of batches()) await w.write(table, b);
    await w.close();
  } else if (name === 'csv-stringify') {
    const { stringify } = await import('csv-stringify/sync');
    const file = createWriteStream(join(out, `${table}.csv`));
    for (const b of batches()) {
      const ok = file.write(
        stringify(b.map((row) => Object.values(row).map((v) => (Array.isArray(v) ? JSON.stringify(v) : v)))),
      );
      if (!ok) await new Promise((r) => file.once('drain', r));
    }
    await new Promise((r) => file.end(r));
  } else if (name === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(
      'CREATE TABLE mentions (article_id VARCHAR, entity_id VARCHAR, type VARCHAR, surface VARCHAR, canonical_ar VARCHAR, canonical_en VARCHAR, start INTEGER, "end" INTEGER, method VARCHAR, confidence DOUBLE, role VARCHAR)',
    );
    const app = await conn.createAppender('mentions');
    for (const b of batches()) {
      for (const m of b) {
        app.appendVarchar(m.article_id);
        app.appendVarchar(m.entity_id);
        app.appendVarchar(m.type);
        app.appendVarchar(m.surface);
        app.appendVarchar(m.canonical_ar);
        app.appendVarchar(m.canonical_en);
        app.appendInteger(m.start);
        app.appendInteger(m.end);
        app.appendVarchar(m.method);
        app.appendDouble(m.confidence);
        app.appendNull();
        app.endRow();
      }
    }
    app.closeSync();
    await conn.run(`COPY mentions TO '${join(out, 'mentions.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
    conn.closeSync();
    db.closeSync();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const result = {
    case: name,
    table,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    outputMB: dirBytes(out) / 1e6,
    parquetMB: dirBytes(out, '.parquet') / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const [, , childCase, childTable] = process.argv;
if (childCase) {
  await runCase(childCase, childTable);
} else {
  const self = fileURLToPath(import.meta.url);
  const cases = [
    ['akhbar', 'mentions', 'openTableWriters: CSV + Parquet (zstd) + JSONL'],
    ['csv-stringify', 'mentions', 'peer: csv-stringify alone, CSV only'],
    ['akhbar-parquet', 'mentions', 'openTableWriters: Parquet (zstd) only'],
    ['duckdb', 'mentions', 'peer: DuckDB appender + COPY TO Parquet (zstd) only'],
    ['akhbar', 'articles', 'openTableWriters: CSV + Parquet (zstd) + JSONL'],
    ['csv-stringify', 'articles', 'peer: csv-stringify alone, CSV only'],
  ];
  console.log(
    `akhbar dataset writer benchmark: ${MENTION_ROWS} mention-like rows, ${ARTICLE_ROWS} article-like rows (300-500 Arabic words each)`,
  );
  console.log(
    'case                  table     rows       seconds  rows/s     input MB/s  output MB  Parquet MB  peak RSS MB  what',
  );
  let failed = false;
  const inputMB = {};
  for (const [name, table, what] of cases) {
    const child = spawnSync(process.execPath, [self, name, table], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      console.log(`${name} ${table}: failed\n${child.stderr}`);
      failed = true;
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop());
    // Input size is measured here, in the parent, so that it does not count in the child's RSS.
    inputMB[table] ??=
      inputBytes(table === 'mentions' ? mentionBatches(MENTION_ROWS) : articleBatches(ARTICLE_ROWS)) / 1e6;
    r.inputMB = inputMB[table];
    console.log(
      `${r.case.padEnd(22)}${r.table.padEnd(10)}${String(r.rows).padEnd(11)}${r.seconds.toFixed(2).padEnd(9)}${Math.round(r.rowsPerSecond).toString().padEnd(11)}${(r.inputMB / r.seconds).toFixed(1).padEnd(12)}${r.outputMB.toFixed(1).padEnd(11)}${r.parquetMB.toFixed(1).padEnd(12)}${r.peakRssMB.toFixed(0).padEnd(13)}${what}`,
    );
    if (name.startsWith('akhbar') && r.peakRssMB >= 1024) {
      console.log(`  peak RSS ${r.peakRssMB.toFixed(0)} MB is over the 1 GB budget`);
      failed = true;
    }
  }
  console.log(
    'input MB/s = UTF-8 JSON size of the rows written per second (the same rows for every case of a table).',
  );
  if (failed) process.exit(1);
}
