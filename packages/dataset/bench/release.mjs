// Benchmark: build, validate and download (from disk) a release of synthetic articles, printing
// time, sizes and peak RSS. The run folder is written first with openTableWriters (not timed here;
// see write.mjs).   node bench/release.mjs        (20,000 articles; AKHBAR_BENCH_RELEASE_ARTICLES=N)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRelease, downloadRelease, openTableWriters, validateRelease } from '../dist/index.js';

const N = Number(process.env.AKHBAR_BENCH_RELEASE_ARTICLES ?? 20_000);
const WORDS =
  'قال وزير الخارجية إن البلدين يعملان معا من أجل تعزيز التعاون في مجالات الاقتصاد والتجارة والطاقة'.split(
    ' ',
  );
const dir = mkdtempSync(join(tmpdir(), 'akhbar-release-bench-'));
try {
  const w = await openTableWriters(join(dir, 'run'));
  for (let i = 0; i < N; i += 1000) {
    const articles = [];
    const mentions = [];
    for (let j = i; j < Math.min(N, i + 1000); j++) {
      const id = `a${String(j).padStart(8, '0')}`;
      const body = Array.from(
        { length: 400 },
        (_, k) => WORDS[(j * 7 + k * 13 + ((j * k) % 5)) % WORDS.length],
      ).join(' ');
      articles.push({
        article_id: id,
        source_path: `crawl/${j}.html`,
        url: null,
        site: 'arabic.news.cn',
        title: WORDS.slice(j % 8, (j % 8) + 6).join(' '),
        body,
        published: `2025-${String(1 + (j % 12)).padStart(2, '0')}-15`,
        published_source: 'dateline',
        weekday: null,
        dateline_place: null,
        agency: 'Xinhua',
        word_count: 400,
        content_sha256: 'f'.repeat(64),
        duplicate_of: null,
        pipeline_version: '0.1.0',
      });
      mentions.push({
        article_id: id,
        entity_id: 'loc:china',
        type: 'LOC',
        surface: 'الصين',
        canonical_ar: 'الصين',
        canonical_en: 'China',
        start: 0,
        end: 5,
        method: 'gazetteer',
        confidence: 1,
      });
    }
    await w.write('articles', articles);
    await w.write('mentions', mentions);
  }
  await w.write('entities', [
    {
      entity_id: 'loc:china',
      type: 'LOC',
      canonical_ar: 'الصين',
      canonical_en: 'China',
      aliases: ['الصين'],
      mention_count: N,
      article_count: N,
      first_published: '2025-01-15',
      last_published: '2025-12-15',
    },
  ]);
  await w.close();
  const time = async (f) => {
    const t = process.hrtime.bigint();
    const r = await f();
    return [r, Number(process.hrtime.bigint() - t) / 1e9];
  };
  const [r, tBuild] = await time(() =>
    buildRelease({ runDir: join(dir, 'run'), name: 'bench', version: '1.0.0', into: join(dir, 'releases') }),
  );
  const [v, tValidate] = await time(() => validateRelease(r.dir));
  const [d, tDownload] = await time(() =>
    downloadRelease(join(dir, 'releases', 'bench'), { out: join(dir, 'copy') }),
  );
  if (!v.ok || !d.report.ok)
    throw new Error(`release did not verify: ${[...v.errors, ...d.report.errors].join(' ')}`);
  const mb = r.unpackedBytes / 1e6;
  console.log(
    `akhbar release benchmark: ${N} articles, ${r.files.length} files, ${mb.toFixed(0)} MB unpacked, bundle ${(r.bytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `build     ${tBuild.toFixed(2)} s  ${(mb / tBuild).toFixed(0)} MB/s  (copy, schema checks, stats, docs, SHA256SUMS, tar.gz)`,
  );
  console.log(
    `validate  ${tValidate.toFixed(2)} s  ${(mb / tValidate).toFixed(0)} MB/s  (every hash, Parquet schemas, row counts)`,
  );
  console.log(
    `download  ${tDownload.toFixed(2)} s  ${(mb / tDownload).toFixed(0)} MB/s  (copy from disk, hash, safe extract, validate)`,
  );
  console.log(
    `peak RSS  ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (including writing the run)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
