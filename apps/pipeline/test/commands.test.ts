// The thin commands over the dataset, report and entities packages, end to end through the CLI:
// run -> release -> validate -> download (from a folder) -> report, and entities candidates.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, cli, RAW, tmp } from './helpers.js';

let dir: string;
let out: string;
beforeAll(() => {
  dir = tmp('commands');
  out = join(dir, 'out');
  const r = cli(['run', RAW, '--out', out, '--workers', '1', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => cleanup(dir));

describe('release, validate, download, report, entities candidates', () => {
  it('release builds a verifiable release; validate and download accept it; a tampered copy is refused', () => {
    const rel = join(dir, 'releases');
    const r = cli([
      'release',
      out,
      '--name',
      'seeds',
      '--version',
      '1.0.0',
      '--into',
      rel,
      '--date',
      '2026-01-01',
      '--license',
      'CC-BY-4.0',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const vdir = join(rel, 'seeds', 'v1.0.0');
    expect(existsSync(join(vdir, 'datapackage.json'))).toBe(true);
    // The release carries its report, hashed like every other file.
    const report = readFileSync(join(vdir, 'report.html'), 'utf8');
    expect(report).toContain('seeds v1.0.0');
    expect(readFileSync(join(vdir, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}report\.html\n/);
    const v = cli(['validate', vdir]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^ok: seeds 1\.0\.0, .*articles 5/);
    const d = cli(['download', join(rel, 'seeds'), '--out', join(dir, 'dl')]);
    expect(d.code, d.stderr).toBe(0);
    expect(cli(['validate', join(dir, 'dl')]).code).toBe(0);
    expect(readFileSync(join(dir, 'dl', 'report.html'), 'utf8')).toBe(report);
    const readme = join(vdir, 'README.md');
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}\ntampered\n`);
    const bad = cli(['validate', vdir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid release/);
  });

  it('report writes one self-contained HTML file', () => {
    const file = join(dir, 'report.html');
    const r = cli(['report', out, '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html') || html.startsWith('<!DOCTYPE html')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('entities candidates prints a CSV header and one row per unknown name', () => {
    const r = cli(['entities', 'candidates', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('type,count,surfaces,methods');
    for (const l of lines.slice(1)) expect(l).toMatch(/^(PERSON|ORG|LOC),\d+,/);
  });

  it('a missing run folder gives a clear error and exit code 1', () => {
    const r = cli(['report', join(dir, 'nope'), '--out', join(dir, 'x.html')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^akhbar: /);
  });
});
