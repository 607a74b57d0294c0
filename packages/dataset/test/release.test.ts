import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArticleRow,
  buildRelease,
  downloadRelease,
  openRelease,
  readFrontMatter,
  SCHEMA,
  TABLE_NAMES,
  validateDataset,
  validateRelease,
} from '../src/index.js';
import { hostileArticle, seedArticles, tempDir, writeSampleRun } from './helpers.js';

const OPTIONS = {
  name: 'seeds',
  version: '0.1.0',
  date: '2026-11-25',
  license: 'CC-BY-4.0',
  creators: [{ name: 'Jane Doe', kind: 'Person' as const }],
  sources: ['Five captures of Xinhua Arabic, People’s Daily Arabic and an aggregator (fixtures/raw).'],
};

/** A static file server on 127.0.0.1 for `root`, with a route that drops the connection halfway. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const drop = path.startsWith('/drop/');
    // /gz/ plays a server that gzips everything on the fly when the client accepts it.
    const gz = path.startsWith('/gz/');
    const file = join(root, drop || gz ? path.slice(path.indexOf('/', 1)) : path);
    if (path.includes('..') || !existsSync(file) || !file.match(/\.(json|gz)$/)) {
      res.writeHead(404).end('not found');
      return;
    }
    const raw = readFileSync(file);
    const encode = gz && String(req.headers['accept-encoding'] ?? '').includes('gzip');
    const body = encode ? gzipSync(raw) : raw;
    res.writeHead(200, {
      'content-length': String(body.length),
      ...(encode ? { 'content-encoding': 'gzip' } : {}),
    });
    if (drop && file.endsWith('.gz')) {
      res.write(body.subarray(0, body.length >> 1));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Entry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: Buffer | string;
  linkname?: string;
}

async function makeBundle(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : (e.content ?? Buffer.alloc(0));
    pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, content);
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** A dataset folder whose index.json vouches (with the right hash) for a hostile bundle. */
function hostileDataset(root: string, name: string, bundle: Buffer, unpacked = 1000, files = 5): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}-v1.0.0.tar.gz`), bundle);
  const entry = {
    version: '1.0.0',
    path: 'v1.0.0/',
    bundle: `${name}-v1.0.0.tar.gz`,
    sha256: sha(bundle),
    bytes: bundle.length,
    unpacked_bytes: unpacked,
    files,
    date: null,
    counts: {},
  };
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ name, schema_version: 1, latest: '1.0.0', versions: [entry] }),
  );
}

let runDir: string;
let releases: string;
let http: { url: string; server: Server };

beforeAll(async () => {
  runDir = await tempDir();
  await writeSampleRun(runDir);
  releases = await tempDir();
  await buildRelease({ ...OPTIONS, runDir, into: releases });
  http = await serve(releases);
});

afterAll(() => new Promise<void>((done) => http.server.close(() => done())));

describe('buildRelease', () => {
  it('builds byte-identical bundles from the same inputs', async () => {
    const other = await tempDir();
    const run2 = await tempDir();
    await writeSampleRun(run2);
    const r = await buildRelease({ ...OPTIONS, runDir: run2, into: other });
    const a = readFileSync(join(releases, 'seeds', 'seeds-v0.1.0.tar.gz'));
    const b = readFileSync(r.bundle);
    expect(b.equals(a)).toBe(true);
    expect(r.sha256).toBe(sha(a));
    expect(readFileSync(join(other, 'seeds', 'index.json'), 'utf8')).toBe(
      readFileSync(join(releases, 'seeds', 'index.json'), 'utf8'),
    );
  });

  it('lays out the release folder and passes validation', async () => {
    const dir = join(releases, 'seeds', 'v0.1.0');
    expect(readdirSync(dir).sort()).toEqual([
      'CHANGELOG.md',
      'CITATION.cff',
      'README.md',
      'SHA256SUMS',
      'croissant.json',
      'data',
      'datapackage.json',
    ]);
    const report = await validateRelease(dir);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tables).toEqual({ articles: 6, mentions: 12, entities: 3, removed: 2, errors: 1 });
    const index = JSON.parse(readFileSync(join(releases, 'seeds', 'index.json'), 'utf8'));
    expect(index.latest).toBe('0.1.0');
    expect(index.versions[0].counts.articles).toBe(6);
  });

  it('writes datapackage.json, croissant.json and card front matter that parse and agree', () => {
    const dir = join(releases, 'seeds', 'v0.1.0');
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
    const cr = JSON.parse(readFileSync(join(dir, 'croissant.json'), 'utf8'));
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    const fm = readFrontMatter(card) as Record<string, unknown>;
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.version).toBe('0.1.0');
    expect(cr.version).toBe(pkg.version);
    expect(cr.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(cr.inLanguage).toBe('ar');
    expect(cr.datePublished).toBe('2026-11-25');
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
    expect(cr.license).toBe('https://spdx.org/licenses/CC-BY-4.0.html');
    expect(fm.license).toBe('cc-by-4.0');
    expect(fm.language).toEqual(['ar']);
    expect(fm.size_categories).toEqual(['n<1K']);
    // Every file: same path, size and hash in both, and the hash is the file's.
    const objects = cr.distribution.filter((d: { '@type': string }) => d['@type'] === 'cr:FileObject');
    expect(objects.length).toBe(pkg.resources.length);
    for (const r of pkg.resources) {
      const o = objects.find((x: { contentUrl: string }) => x.contentUrl === r.path);
      expect(o.sha256).toBe(sha(readFileSync(join(dir, r.path))));
      expect(`sha256:${o.sha256}`).toBe(r.hash);
      expect(o.contentSize).toBe(`${r.bytes} B`);
    }
    // Every table: same fields, in order, in both; hub configs point at its Parquet.
    for (const t of TABLE_NAMES) {
      const names = SCHEMA[t].columns.map((c) => c.name);
      const rs = cr.recordSet.find((s: { name: string }) => s.name === t);
      expect(rs.field.map((f: { name: string }) => f.name)).toEqual(names);
      for (const r of pkg.resources.filter((x: { table: string }) => x.table === t)) {
        expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(names);
      }
      const cfg = (
        fm.configs as Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>
      ).find((c) => c.config_name === t);
      expect(cfg?.data_files).toEqual([{ split: 'train', path: `data/${t}.parquet` }]);
      expect(rs.field[0].source.fileObject['@id']).toBe(`data/${t}.parquet`);
    }
    expect(
      cr.recordSet
        .find((s: { name: string }) => s.name === 'entities')
        .field.find((f: { name: string }) => f.name === 'aliases').repeated,
    ).toBe(true);
    // The card tells the counts, the date range, top entities and how to cite.
    expect(card).toContain('| articles | 6 |');
    expect(card).toContain('2021-03-20 to 2025-07-13');
    expect(card).toMatch(/\| loc:china \| LOC \| الصين \| China \| \d+ \| \d+ \|/);
    expect(card).toContain('Jane Doe (2026). seeds (Version 0.1.0) [Data set].');
    const cff = readFileSync(join(dir, 'CITATION.cff'), 'utf8');
    expect(cff).toContain('cff-version: 1.2.0');
    expect(cff).toContain('family-names: Doe');
    // SHA256SUMS lists every other file.
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.length).toBe(pkg.resources.length + 5);
  });

  it('writes a CHANGELOG against the previous release: added, removed and changed articles by id', async () => {
    const into = await tempDir();
    await buildRelease({ ...OPTIONS, runDir, into });
    const seeds: ArticleRow[] = [...seedArticles(), hostileArticle()];
    const next = seeds.filter((a) => a.article_id !== '004_84ffc645cff79ea0');
    next[1] = { ...(next[1] as ArticleRow), title: 'عنوان مصحح' };
    next.push({ ...(seeds[0] as ArticleRow), article_id: '005_new', source_path: 'in/005.txt' });
    const run2 = await tempDir();
    await writeSampleRun(run2, { articles: next });
    const r = await buildRelease({ ...OPTIONS, version: '0.2.0', runDir: run2, into });
    expect(r.previous).toBe('0.1.0');
    const log = readFileSync(join(r.dir, 'CHANGELOG.md'), 'utf8');
    expect(log).toContain('## v0.2.0');
    expect(log).toContain('Articles: 6 (was 6): 1 added, 1 removed, 1 changed.');
    expect(log).toMatch(/### Articles added\n\n- 005_new\n/);
    expect(log).toMatch(/### Articles removed\n\n- 004_84ffc645cff79ea0\n/);
    expect(log).toMatch(/### Articles changed\n\n- 001_f118cac7954edc78\n/);
    expect(log).toContain('## v0.1.0\n\nFirst release');
    const index = JSON.parse(readFileSync(join(into, 'seeds', 'index.json'), 'utf8'));
    expect(index.versions.map((v: { version: string }) => v.version)).toEqual(['0.1.0', '0.2.0']);
    expect(index.latest).toBe('0.2.0');
  });

  it('refuses to overwrite a version, bad names, bad versions and a folder that is not a run', async () => {
    await expect(buildRelease({ ...OPTIONS, runDir, into: releases })).rejects.toThrow(
      /already exists: releases are immutable/,
    );
    await expect(buildRelease({ ...OPTIONS, name: '../x', runDir, into: releases })).rejects.toThrow(
      /not allowed/,
    );
    await expect(buildRelease({ ...OPTIONS, version: '1.0', runDir, into: releases })).rejects.toThrow(
      /not X\.Y\.Z/,
    );
    const empty = await tempDir();
    await expect(
      buildRelease({ ...OPTIONS, runDir: empty, into: releases, version: '9.0.0' }),
    ).rejects.toThrow(/no Parquet for table 'articles'/);
    await expect(
      buildRelease({ ...OPTIONS, runDir, into: releases, version: '9.0.0', previous: '0.0.1' }),
    ).rejects.toThrow(/Previous release 0.0.1 not found/);
    expect(existsSync(join(releases, 'seeds', 'v9.0.0'))).toBe(false);
  });

  it('publishes extra files such as the report: hashed in SHA256SUMS, packed, validated', async () => {
    const into = await tempDir();
    const html = '<!doctype html><html lang="ar" dir="rtl"><title>تقرير</title></html>\n';
    const r = await buildRelease({ ...OPTIONS, runDir, into, extraFiles: { 'report.html': html } });
    expect(readFileSync(join(r.dir, 'report.html'), 'utf8')).toBe(html);
    const sum = createHash('sha256').update(html).digest('hex');
    expect(readFileSync(join(r.dir, 'SHA256SUMS'), 'utf8')).toContain(`${sum}  report.html\n`);
    expect(r.files).toContain('report.html');
    expect((await validateRelease(r.dir)).ok).toBe(true);
    const got = await tempDir();
    const d = await downloadRelease(join(into, 'seeds'), { out: join(got, 'x') });
    expect(readFileSync(join(d.dir, 'report.html'), 'utf8')).toBe(html);
    await expect(
      buildRelease({ ...OPTIONS, version: '0.3.0', runDir, into, extraFiles: { '../escape.html': 'x' } }),
    ).rejects.toThrow(/plain file name/);
    await expect(
      buildRelease({ ...OPTIONS, version: '0.3.0', runDir, into, extraFiles: { SHA256SUMS: 'x' } }),
    ).rejects.toThrow(/plain file name/);
  });

  it('releases part-file tables with globs in the hub configs and a FileSet in croissant.json', async () => {
    const run = await tempDir();
    await writeSampleRun(run, { partRows: 4, bom: true });
    const into = await tempDir();
    const r = await buildRelease({ ...OPTIONS, runDir: run, into });
    expect((await validateRelease(r.dir)).ok).toBe(true);
    expect(readdirSync(join(r.dir, 'data', 'articles')).sort()).toEqual([
      'part-00000.parquet',
      'part-00001.parquet',
    ]);
    const fm = readFrontMatter(readFileSync(join(r.dir, 'README.md'), 'utf8')) as {
      configs: Array<{ data_files: Array<{ path: string }> }>;
    };
    expect(fm.configs[0]?.data_files[0]?.path).toBe('data/articles/*.parquet');
    const pkg = JSON.parse(readFileSync(join(r.dir, 'datapackage.json'), 'utf8'));
    const csv = pkg.resources.find((x: { path: string }) => x.path === 'data/articles.csv');
    expect(csv.encoding).toBe('utf-8-sig');
    expect(
      pkg.resources.find((x: { path: string }) => x.path === 'data/articles/part-00001.parquet').rows,
    ).toBe(2);
    const rel = await openRelease(r.dir);
    expect((await rel.read('articles')).numRows()).toBe(6);
  });
});

describe('validateRelease', () => {
  it('finds a changed file, an unlisted file and a missing file', async () => {
    const copy = await tempDir();
    cpSync(join(releases, 'seeds', 'v0.1.0'), copy, { recursive: true });
    const csv = join(copy, 'data', 'articles.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('وانغ يي', 'وانغ يى'));
    writeFileSync(join(copy, 'data', 'extra.txt'), 'x');
    const jsonl = join(copy, 'data', 'errors.csv');
    writeFileSync(jsonl, readFileSync(jsonl, 'utf8').replace('source_path,stage', 'path,stage'));
    const r = await validateRelease(copy);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/data\/articles.csv does not match its SHA-256 in SHA256SUMS/);
    expect(r.errors.join('\n')).toMatch(/data\/extra.txt is not listed in SHA256SUMS/);
    expect(r.errors.join('\n')).toMatch(/articles.csv does not match its hash in datapackage.json/);
    expect(r.errors.join('\n')).toMatch(
      /errors.csv starts with header 'path,stage,message', expected 'source_path,stage,message'/,
    );
    expect((await validateRelease(join(copy, 'nope'))).errors[0]).toMatch(/is not a folder/);
  });
});

describe('validateDataset', () => {
  it('checks index.json against the bundles and the version folders', async () => {
    const good = await validateDataset(join(releases, 'seeds'));
    expect(good.errors).toEqual([]);
    expect(good.versions.map((v) => v.version)).toEqual(['0.1.0']);
    const root = await tempDir();
    cpSync(join(releases, 'seeds'), join(root, 'seeds'), { recursive: true });
    const bundle = join(root, 'seeds', 'seeds-v0.1.0.tar.gz');
    writeFileSync(bundle, Buffer.concat([readFileSync(bundle), Buffer.from([0])]));
    const index = join(root, 'seeds', 'index.json');
    writeFileSync(index, readFileSync(index, 'utf8').replace('"articles": 6', '"articles": 7'));
    const bad = await validateDataset(join(root, 'seeds'));
    expect(bad.ok).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/seeds-v0.1.0.tar.gz does not match index.json/);
    expect(bad.errors.join('\n')).toMatch(/v0.1.0: articles has 6 rows, index.json says 7/);
    expect((await validateDataset(root)).errors[0]).toMatch(/index.json is missing/);
  });
});

describe('downloadRelease', () => {
  it('downloads from a local HTTP server, verifies, and the copy validates and opens', async () => {
    const out = join(await tempDir(), 'got');
    const progress: number[] = [];
    const r = await downloadRelease(`${http.url}/seeds/`, { out, onProgress: (n) => progress.push(n) });
    expect(progress.at(-1)).toBe(r.bytes);
    expect(r.version).toBe('0.1.0');
    expect(r.report.ok).toBe(true);
    expect((await validateRelease(out)).ok).toBe(true);
    for (const f of ['README.md', 'data/articles.parquet']) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(releases, 'seeds', 'v0.1.0', f)))).toBe(
        true,
      );
    }
    // A URL naming the version folder works too.
    const viaFolder = join(await tempDir(), 'got');
    expect((await downloadRelease(`${http.url}/seeds/v0.1.0/`, { out: viaFolder })).version).toBe('0.1.0');
    await expect(
      downloadRelease(`${http.url}/seeds/v0.1.0`, { out: join(viaFolder, 'x'), version: '0.2.0' }),
    ).rejects.toThrow(/names version 0.1.0 but version 0.2.0 was asked for/);
    const rel = await openRelease(`${http.url}/seeds`, { cacheDir: await tempDir() });
    const articles = await rel.read('articles');
    expect(articles.numRows()).toBe(6);
    expect(String(articles.get('body', 0))).toContain('وزير الخارجية الصيني وانغ يي');
    const all = await rel.readAll();
    expect(all.entities.numRows()).toBe(3);
  });

  it('gets the exact bundle bytes from a server that gzips on the fly', async () => {
    const out = join(await tempDir(), 'got');
    expect((await downloadRelease(`${http.url}/gz/seeds`, { out })).report.ok).toBe(true);
  });

  it('also copies from a folder on disk', async () => {
    const out = join(await tempDir(), 'got');
    const r = await downloadRelease(join(releases, 'seeds'), { out, version: '0.1.0' });
    expect(r.files).toContain('data/mentions.parquet');
    await expect(downloadRelease(join(releases, 'seeds'), { out })).rejects.toThrow(/already exists/);
    expect((await downloadRelease(join(releases, 'seeds'), { out, overwrite: true })).report.ok).toBe(true);
  });

  it('refuses a missing version and says which exist', async () => {
    const out = join(await tempDir(), 'got');
    await expect(downloadRelease(`${http.url}/seeds`, { out, version: '9.9.9' })).rejects.toThrow(
      /Version 9.9.9 of seeds is not in .*index.json; available: 0.1.0/,
    );
    await expect(downloadRelease(`${http.url}/nothing-here`, { out })).rejects.toThrow(/answered 404/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a tampered bundle and writes nothing', async () => {
    const root = await tempDir();
    cpSync(join(releases, 'seeds'), join(root, 'seeds'), { recursive: true });
    const bundle = join(root, 'seeds', 'seeds-v0.1.0.tar.gz');
    const bytes = readFileSync(bundle);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
    writeFileSync(bundle, bytes);
    const srv = await serve(root);
    try {
      const parent = await tempDir();
      await expect(downloadRelease(`${srv.url}/seeds`, { out: join(parent, 'got') })).rejects.toThrow(
        /Refusing seeds-v0.1.0.tar.gz: its SHA-256 is .* but index.json says/,
      );
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      srv.server.close();
    }
  });

  it('refuses a release whose files were changed even when the bundle hash is re-signed', async () => {
    const root = await tempDir();
    const copy = join(root, 'src');
    cpSync(join(releases, 'seeds', 'v0.1.0'), copy, { recursive: true });
    writeFileSync(join(copy, 'data', 'errors.csv'), 'source_path,stage,message\r\nx,y,z\r\n');
    const entries: Entry[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(copy, rel), { withFileTypes: true })) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(p);
        else entries.push({ name: `seeds-v1.0.0/${p}`, content: readFileSync(join(copy, p)) });
      }
    };
    walk('');
    hostileDataset(root, 'seeds', await makeBundle(entries), 10_000_000, 100);
    const parent = await tempDir();
    await expect(downloadRelease(join(root, 'seeds'), { out: join(parent, 'got') })).rejects.toThrow(
      /does not verify: .*errors.csv/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses entries that escape the output folder: ../, absolute paths, symlinks and hard links', async () => {
    const root = await tempDir();
    const cases: Record<string, Entry[]> = {
      dotdot: [{ name: 'dotdot-v1.0.0/../../escaped.txt', content: 'owned' }],
      absolute: [{ name: `${root}/absolute-escaped.txt`, content: 'owned' }],
      symlink: [
        { name: 'symlink-v1.0.0/data', type: 'symlink', linkname: '/tmp' },
        { name: 'symlink-v1.0.0/data/escaped.txt', content: 'owned' },
      ],
      hardlink: [{ name: 'hardlink-v1.0.0/passwd', type: 'link', linkname: '/etc/passwd' }],
      outside: [{ name: 'other-v1.0.0/file.txt', content: 'x' }],
    };
    const srv = await serve(root);
    try {
      for (const [name, entries] of Object.entries(cases)) {
        hostileDataset(root, name, await makeBundle(entries));
        const parent = join(await tempDir(), 'a', 'b');
        mkdirSync(parent, { recursive: true });
        await expect(
          downloadRelease(`${srv.url}/${name}`, { out: join(parent, 'got') }),
          name,
        ).rejects.toThrow(
          {
            dotdot: /climbs out with '\.\.'/,
            absolute: /absolute or non-portable path/,
            symlink: /symlink entries are not allowed/,
            hardlink: /link entries are not allowed/,
            outside: /everything must sit under 'outside-v1.0.0\/'/,
          }[name] as RegExp,
        );
        expect(readdirSync(parent), name).toEqual([]);
        expect(existsSync(join(parent, '..', 'escaped.txt'))).toBe(false);
      }
      expect(existsSync(join(root, 'absolute-escaped.txt'))).toBe(false);
    } finally {
      srv.server.close();
    }
  });

  it('refuses a bundle that unpacks to far more than its index says', async () => {
    const root = await tempDir();
    const big = Buffer.alloc(32 * 1024 * 1024);
    hostileDataset(
      root,
      'bomb',
      await makeBundle([{ name: 'bomb-v1.0.0/zeros.bin', content: big }]),
      4096,
      5,
    );
    const parent = await tempDir();
    await expect(downloadRelease(join(root, 'bomb'), { out: join(parent, 'got') })).rejects.toThrow(
      /unpacks to more than the 4096 bytes/,
    );
    expect(readdirSync(parent)).toEqual([]);
    // Many small files beyond the count are refused too.
    const many = Array.from({ length: 50 }, (_, i) => ({ name: `many-v1.0.0/f${i}`, content: 'x' }));
    hostileDataset(root, 'many', await makeBundle(many), 4096, 5);
    await expect(downloadRelease(join(root, 'many'), { out: join(parent, 'got') })).rejects.toThrow(
      /more than the 5 files/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('fails cleanly when the connection drops mid-download', async () => {
    const root = await tempDir();
    cpSync(join(releases, 'seeds'), join(root, 'seeds'), { recursive: true });
    const srv = await serve(root);
    try {
      const parent = await tempDir();
      // The index is read from /drop/seeds/, so the bundle comes from the dropping route.
      await expect(downloadRelease(`${srv.url}/drop/seeds/`, { out: join(parent, 'got') })).rejects.toThrow(
        /Download of .* failed after \d+ of \d+ bytes/,
      );
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      srv.server.close();
    }
  });
});
