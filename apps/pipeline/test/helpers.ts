import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(APP, '../..');
export const RAW = join(ROOT, 'fixtures/raw');
export const EXPECTED = join(ROOT, 'fixtures/expected');
export const CLI = join(APP, 'dist/cli.js');
export const SEEDS = readdirSync(RAW)
  .filter((f) => f.endsWith('.txt'))
  .sort();

export function tmp(name: string): string {
  const d = mkdtempSync(join(tmpdir(), `akhbar-pipeline-${name}-`));
  return d;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (tests need `pnpm build` first; turbo's test task depends on build). */
export function cli(args: string[], cwd = ROOT): CliResult {
  if (!existsSync(CLI))
    throw new Error(`${CLI} missing: run \`pnpm turbo run build --filter=@akhbar/pipeline...\` first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as T);
}

export function copySeeds(dir: string, names = SEEDS): void {
  mkdirSync(dir, { recursive: true });
  for (const n of names) {
    const b = readFileSync(join(RAW, n));
    writeFileSync(join(dir, n), b);
  }
}
