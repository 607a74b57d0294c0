// Bad inputs never stop a run: each becomes an errors row (input lost, with the reason) or a flag
// (article written, errors row starting "flagged:"), every good input is still written, and
// --strict turns errors into exit code 2.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cleanup, cli, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

type Row = Record<string, unknown>;
const seed = (i: number) => readFileSync(join(RAW, SEEDS[i]!), 'utf8');

/** Encode text as windows-1256 by inverting the WHATWG decoder's table. */
function toWindows1256(text: string): Uint8Array {
  const dec = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  const out: number[] = [];
  for (const ch of text) {
    const b = table.get(ch);
    if (b !== undefined) out.push(b);
  }
  return Uint8Array.from(out);
}

let dir: string;
let out: string;
let code: number | null;
let strictCode: number | null;
let strictAgain: CliResult;
let articles: Row[];
let errors: Row[];
const name = (r: Row) => String(r.source_path).split('/').pop();

beforeAll(() => {
  dir = tmp('bad');
  const src = join(dir, 'in');
  mkdirSync(src);
  writeFileSync(join(src, 'good.txt'), seed(0));
  writeFileSync(join(src, 'empty.txt'), '');
  writeFileSync(join(src, 'blank.txt'), '   \n\n  \n');
  const bin = new Uint8Array(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
  writeFileSync(join(src, 'binary.html'), bin);
  writeFileSync(join(src, 'legacy.txt'), toWindows1256(seed(3)));
  writeFileSync(
    join(src, 'mislabelled.html'),
    `<html><head><meta charset="windows-1256"><title>t</title></head><body><p>${seed(4).split('\n').join('</p><p>')}</p></body></html>`,
  );
  const para = `<p>${seed(1).split('\n')[6] ?? 'نص'}</p>\n`;
  writeFileSync(
    join(src, 'huge.html'),
    `<html><body>${para.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(para)))}</body></html>`,
  );
  const full = `<html><head><title>x</title></head><body><article><p>${seed(2).split('\n').join('</p><p>')}</p></article></body></html>`;
  writeFileSync(join(src, 'truncated.html'), full.slice(0, Math.floor(full.length / 2)));
  writeFileSync(
    join(src, 'english.txt'),
    'The foreign ministers met in Moscow on Monday.\n\nThey discussed trade and security.\n',
  );
  writeFileSync(
    join(src, 'records.jsonl'),
    `${JSON.stringify({ url: 'https://example.org/ok', text: seed(1) })}\nnot json at all\n`,
  );
  out = join(dir, 'out');
  const r = cli(['run', src, '--out', out, '--workers', '2', '--progress', 'none', '--formats', 'jsonl']);
  code = r.code;
  if (code !== 0) throw new Error(r.stderr);
  articles = readJsonl(join(out, 'articles.jsonl'));
  errors = readJsonl(join(out, 'errors.jsonl'));
  const strictArgs = ['run', src, '--out', join(dir, 'strict'), '--workers', '1', '--progress', 'none'];
  strictArgs.push('--formats', 'jsonl', '--strict');
  strictCode = cli(strictArgs).code;
  strictAgain = cli(strictArgs);
});
afterAll(() => cleanup(dir));

const errorsOf = (file: string) => errors.filter((e) => name(e)!.startsWith(file));

describe('bad inputs', () => {
  it('the run finishes and writes every good input', () => {
    expect(code).toBe(0);
    expect(articles.map(name).sort()).toEqual(
      [
        'english.txt',
        'good.txt',
        'legacy.txt',
        'mislabelled.html',
        'records.jsonl#1',
        'truncated.html',
      ].sort(),
    );
  });
  it('empty and whitespace-only files are errors rows', () => {
    expect(errorsOf('empty.txt')).toEqual([
      expect.objectContaining({ stage: 'read', message: 'empty input (0 bytes)' }),
    ]);
    expect(errorsOf('blank.txt')).toEqual([
      expect.objectContaining({ stage: 'boilerplate', message: expect.stringMatching(/no article text/) }),
    ]);
  });
  it('a binary file is an errors row telling what to do', () => {
    expect(errorsOf('binary.html')).toEqual([
      expect.objectContaining({ stage: 'decode', message: expect.stringMatching(/looks binary/) }),
    ]);
  });
  it('invalid UTF-8 is decoded as windows-1256 and flagged', () => {
    const a = articles.find((x) => name(x) === 'legacy.txt')!;
    expect(a.body).toContain('التقى وزير الخارجية الصيني وانغ يي');
    expect(errorsOf('legacy.txt')).toEqual([
      expect.objectContaining({
        stage: 'decode',
        message: expect.stringMatching(
          /^flagged: invalid UTF-8 and no charset declared; decoded as windows-1256/,
        ),
      }),
    ]);
  });
  it('a wrong declared charset is overridden by the bytes and flagged', () => {
    const a = articles.find((x) => name(x) === 'mislabelled.html')!;
    expect(a.body).toContain('شي جين بينغ');
    expect(errorsOf('mislabelled.html')).toEqual([
      expect.objectContaining({
        stage: 'decode',
        message: expect.stringMatching(
          /declared charset windows-1256 \(meta\) does not fit the bytes, which are valid UTF-8/,
        ),
      }),
    ]);
  });
  it('a 50 MB page is an errors row naming the limit and the flag to raise it', () => {
    expect(errorsOf('huge.html')).toEqual([
      expect.objectContaining({
        stage: 'read',
        message: expect.stringMatching(/50\.\d MB, over the --max-bytes limit.*raise --max-bytes/),
      }),
    ]);
  });
  it('truncated HTML keeps the text before the cut', () => {
    const a = articles.find((x) => name(x) === 'truncated.html')!;
    expect(a.body).toContain('كوالالمبور');
    expect(errorsOf('truncated.html')).toEqual([]);
  });
  it('a page with no Arabic is written and flagged', () => {
    expect(articles.find((x) => name(x) === 'english.txt')!.body).toContain('foreign ministers');
    expect(errorsOf('english.txt')).toEqual([
      expect.objectContaining({ stage: 'language', message: 'flagged: the body contains no Arabic text' }),
    ]);
  });
  it('a JSONL line that is not JSON is an errors row; the good line is written', () => {
    expect(errorsOf('records.jsonl')).toEqual([
      expect.objectContaining({ stage: 'read', message: expect.stringMatching(/line 2 is not valid JSON/) }),
    ]);
  });
  it('--strict exits with code 2 when there are errors rows', () => {
    expect(strictCode).toBe(2);
  });
  it('a rerun with nothing changed leaves the tables, bad inputs and all, and --strict still exits 2', () => {
    expect(strictAgain.stderr).toMatch(/outputs up to date: 10 inputs/);
    expect(strictAgain.stderr).toMatch(/[1-9]\d* errors rows/);
    expect(strictAgain.code).toBe(2);
  });
  it('errors are sorted by source path', () => {
    const keys = errors.map((e) => `${e.source_path}\u0000${e.stage}\u0000${e.message}`);
    expect([...keys].sort()).toEqual(keys);
  });
});
