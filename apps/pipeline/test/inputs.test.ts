// Each input format through the built CLI: folders and globs of .txt/.html, sidecars, JSONL, WARC
// and .warc.gz (written at test time with warcio), and an akhbar.config.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { articleId } from '../src/ids.js';
import { cleanup, cli, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

type Row = Record<string, unknown>;
const seedText = (i: number) => readFileSync(join(RAW, SEEDS[i]!), 'utf8');
const asHtml = (text: string, title = 'خبر') =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title><script>var menu = "<p>not text</p>";</script></head><body><nav><a href="/">الرئيسية</a></nav><article>${text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${l}</p>`)
    .join('\n')}</article><footer>جميع الحقوق محفوظة</footer></body></html>`;

let dir: string;
beforeAll(() => {
  dir = tmp('inputs');
});
afterAll(() => cleanup(dir));

async function warcBytes(
  records: Array<{ url: string; html: string; type?: string }>,
  gzip: boolean,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (const r of records) {
    const enc = new TextEncoder().encode(r.html);
    async function* body() {
      yield enc;
    }
    const rec = WARCRecord.create(
      {
        url: r.url,
        date: '2025-07-11T09:45:00Z',
        type: 'response',
        warcVersion: 'WARC/1.1',
        httpHeaders: { 'Content-Type': r.type ?? 'text/html; charset=utf-8' },
      },
      body(),
    );
    chunks.push(await WARCSerializer.serialize(rec, { gzip }));
  }
  return Buffer.concat(chunks);
}

describe('inputs', () => {
  it('a folder of .txt and .html with a sidecar giving url and crawl time', () => {
    const src = join(dir, 'folder');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), seedText(0));
    writeFileSync(
      join(src, 'a.json'),
      JSON.stringify({
        url: 'https://arabic.news.example.org/20210101/a.html',
        fetched_at: '2021-01-01T10:00:00Z',
      }),
    );
    writeFileSync(join(src, 'sub', 'b.html'), asHtml(seedText(3)));
    writeFileSync(join(src, 'notes.md'), 'not an input');
    const out = join(dir, 'out-folder');
    const r = cli(['run', src, '--out', out, '--workers', '1', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const arts = readJsonl<Row>(join(out, 'articles.jsonl'));
    expect(arts).toHaveLength(2);
    const a = arts.find((x) => String(x.source_path).endsWith('a.txt'))!;
    expect(a.url).toBe('https://arabic.news.example.org/20210101/a.html');
    expect(a.site).toBe('arabic.news.example.org');
    expect(a.article_id).toBe(articleId('https://arabic.news.example.org/20210101/a.html'));
    const b = arts.find((x) => String(x.source_path).endsWith('sub/b.html'))!;
    expect(b.article_id).toBe(articleId('sub/b.html'));
    expect(b.body).toContain('التقى وزير الخارجية الصيني وانغ يي');
    expect(b.body).not.toContain('not text');
    expect(b.body).not.toContain('<p>');
  });

  it('a quoted glob', () => {
    const out = join(dir, 'out-glob');
    const r = cli([
      'run',
      `${RAW}/00[12]_*.txt`,
      '--out',
      out,
      '--workers',
      '1',
      '--progress',
      'none',
      '--formats',
      'jsonl',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const arts = readJsonl<Row>(join(out, 'articles.jsonl'));
    expect(arts.map((a) => String(a.source_path).split('/').pop()).sort()).toEqual([SEEDS[1], SEEDS[2]]);
  });

  it('JSONL records with html or text, and a line that is not JSON', () => {
    const file = join(dir, 'crawl.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          url: 'https://example.org/a',
          html: asHtml(seedText(1)),
          fetched_at: '2021-03-24T00:00:00Z',
        }),
        '{"url": "https://example.org/broken", "html": "<p>',
        '',
        JSON.stringify({ url: 'https://example.org/b', text: seedText(4) }),
        JSON.stringify({ url: 'https://example.org/c' }),
      ].join('\n'),
    );
    const out = join(dir, 'out-jsonl');
    const r = cli([
      'run',
      file,
      '--out',
      out,
      '--workers',
      '2',
      '--progress',
      'none',
      '--formats',
      'jsonl,csv',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const arts = readJsonl<Row>(join(out, 'articles.jsonl'));
    expect(arts.map((a) => a.url).sort()).toEqual(['https://example.org/a', 'https://example.org/b']);
    expect(arts.find((a) => a.url === 'https://example.org/b')!.source_path).toMatch(/crawl\.jsonl#4$/);
    const errs = readJsonl<Row>(join(out, 'errors.jsonl'));
    expect(errs.map((e) => [String(e.source_path).split('/').pop(), e.stage])).toEqual([
      ['crawl.jsonl#2', 'read'],
      ['crawl.jsonl#5', 'read'],
    ]);
    expect(errs[0]!.message).toMatch(/not valid JSON/);
    expect(errs[1]!.message).toMatch(/neither "html" nor "text"/);
  });

  it.each([false, true])('WARC response records (gzip %s), skipping non-HTML', async (gzip) => {
    const file = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
    writeFileSync(
      file,
      await warcBytes(
        [
          { url: 'https://www.xinhua.example.org/2025/a.html', html: asHtml(seedText(2)) },
          { url: 'https://www.xinhua.example.org/logo.png', html: 'PNG', type: 'image/png' },
          { url: 'https://www.xinhua.example.org/2020/b.html', html: asHtml(seedText(4)) },
        ],
        gzip,
      ),
    );
    const out = join(dir, `out-warc-${gzip}`);
    const r = cli(['run', file, '--out', out, '--workers', '2', '--progress', 'none', '--formats', 'jsonl']);
    expect(r.code, r.stderr).toBe(0);
    const arts = readJsonl<Row>(join(out, 'articles.jsonl'));
    expect(arts.map((a) => a.url).sort()).toEqual([
      'https://www.xinhua.example.org/2020/b.html',
      'https://www.xinhua.example.org/2025/a.html',
    ]);
    for (const a of arts) expect(a.site).toBe('www.xinhua.example.org');
    expect(arts.find((a) => String(a.url).includes('2020'))!.body).toContain('شي جين بينغ');
  });

  it('a truncated WARC keeps the records before the damage and reports the rest', async () => {
    const whole = await warcBytes(
      [
        { url: 'https://www.xinhua.example.org/2025/a.html', html: asHtml(seedText(2)) },
        { url: 'https://www.xinhua.example.org/2020/b.html', html: asHtml(seedText(4)) },
      ],
      false,
    );
    const first = (
      await warcBytes(
        [{ url: 'https://www.xinhua.example.org/2025/a.html', html: asHtml(seedText(2)) }],
        false,
      )
    ).length;
    const file = join(dir, 'cut.warc');
    writeFileSync(file, whole.subarray(0, first + Math.floor((whole.length - first) / 2)));
    const out = join(dir, 'out-warc-cut');
    const r = cli(['run', file, '--out', out, '--workers', '1', '--progress', 'none', '--formats', 'jsonl']);
    expect(r.code, r.stderr).toBe(0);
    expect(readJsonl<Row>(join(out, 'articles.jsonl')).map((a) => a.url)).toContain(
      'https://www.xinhua.example.org/2025/a.html',
    );
    const errs = readJsonl<Row>(join(out, 'errors.jsonl'));
    expect(errs.length + readJsonl<Row>(join(out, 'articles.jsonl')).length).toBeGreaterThanOrEqual(2);
  });

  it('a gzipped JSONL file', () => {
    const file = join(dir, 'more.jsonl.gz');
    writeFileSync(file, gzipSync(`${JSON.stringify({ url: 'https://example.org/z', text: seedText(0) })}\n`));
    const out = join(dir, 'out-jsonlgz');
    const r = cli(['run', file, '--out', out, '--workers', '1', '--progress', 'none', '--formats', 'jsonl']);
    expect(r.code, r.stderr).toBe(0);
    expect(readJsonl<Row>(join(out, 'articles.jsonl')).map((a) => a.url)).toEqual(['https://example.org/z']);
  });

  it('akhbar.config.json gives inputs, output and formats; flags win', () => {
    const proj = join(dir, 'proj');
    mkdirSync(join(proj, 'data'), { recursive: true });
    writeFileSync(join(proj, 'data', 'x.txt'), seedText(3));
    writeFileSync(
      join(proj, 'akhbar.config.json'),
      JSON.stringify({ inputs: ['data'], out: 'result', formats: ['jsonl'], workers: 1 }),
    );
    const r = cli(['run', '--progress', 'none'], proj);
    expect(r.code, r.stderr).toBe(0);
    expect(readJsonl(join(proj, 'result', 'articles.jsonl'))).toHaveLength(1);
    writeFileSync(join(proj, 'akhbar.config.json'), JSON.stringify({ inputs: ['data'], outt: 'typo' }));
    const bad = cli(['run'], proj);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown key "outt"/);
  });

  it('--gazetteer adds entities; a changed gazetteer reprocesses everything on rerun', () => {
    const gaz = join(dir, 'extra.csv');
    writeFileSync(
      gaz,
      'id,type,canonical_ar,canonical_en,aliases\norg:test-new-year,ORG,العام الجديد,New Year (test),العام الجديد\n',
    );
    const out = join(dir, 'out-gaz');
    const runSeeds = (...extra: string[]) =>
      cli(['run', RAW, '--out', out, '--workers', '1', '--progress', 'none', '--formats', 'jsonl', ...extra]);
    const r = runSeeds('--gazetteer', gaz);
    expect(r.code, r.stderr).toBe(0);
    const articles = new Map(
      readJsonl<Row>(join(out, 'articles.jsonl')).map((a) => [a.article_id, a.body as string]),
    );
    const added = readJsonl<Row>(join(out, 'mentions.jsonl')).filter(
      (m) => m.entity_id === 'org:test-new-year',
    );
    expect(added.length).toBeGreaterThan(0);
    for (const m of added) {
      expect(m.canonical_en).toBe('New Year (test)');
      expect(articles.get(m.article_id)!.slice(m.start as number, m.end as number)).toBe(m.surface);
    }
    const plain = runSeeds();
    expect(plain.stderr).toMatch(/5 inputs \(0 unchanged, reused\)/);
    expect(readJsonl<Row>(join(out, 'mentions.jsonl')).some((m) => m.entity_id === 'org:test-new-year')).toBe(
      false,
    );
  });

  it('--help shows examples for the program and each command', () => {
    expect(cli(['--help']).stdout).toMatch(/Examples:[\s\S]*akhbar run fixtures\/raw --out out/);
    expect(cli(['run', '--help']).stdout).toMatch(/--shard <i\/n>[\s\S]*Examples:/);
    expect(cli(['merge', '--help']).stdout).toMatch(/Example:[\s\S]*akhbar merge/);
  });
});
