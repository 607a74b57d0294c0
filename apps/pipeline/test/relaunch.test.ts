// The CLI's relaunch (src/relaunch.ts): which commands start node again, with which flags, and
// that the run really happens in a child with the tuned runtime.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relaunchArgs, shouldRelaunch } from '../src/relaunch.js';
import { cleanup, cli, RAW, tmp } from './helpers.js';

const dir = tmp('relaunch');
afterAll(() => cleanup(dir));

describe('shouldRelaunch', () => {
  const argv = (...a: string[]) => ['/usr/bin/node', '/app/dist/cli.js', ...a];
  it('relaunches run and merge only, and never twice', () => {
    expect(shouldRelaunch(argv('run', 'in', '--out', 'o'), {}, 'linux')).toBe(true);
    expect(shouldRelaunch(argv('merge', 'a', 'b', '--out', 'o'), {}, 'darwin')).toBe(true);
    expect(shouldRelaunch(argv('report', 'o'), {}, 'linux')).toBe(false);
    expect(shouldRelaunch(argv(), {}, 'linux')).toBe(false);
    expect(shouldRelaunch(argv('run', '--help'), {}, 'linux')).toBe(false);
    expect(shouldRelaunch(argv('run', 'in'), { AKHBAR_RELAUNCHED: '1' }, 'linux')).toBe(false);
  });
  it('can be turned off, and is off on Windows (no process groups to forward signals through)', () => {
    expect(shouldRelaunch(argv('run', 'in'), { AKHBAR_RELAUNCH: '0' }, 'linux')).toBe(false);
    expect(shouldRelaunch(argv('run', 'in'), {}, 'win32')).toBe(false);
  });
});

describe('relaunchArgs', () => {
  it("keeps node's own flags and the command line, and adds the GC flag once", () => {
    const argv = ['/usr/bin/node', '/app/dist/cli.js', 'run', 'in'];
    expect(relaunchArgs(argv, ['--max-old-space-size=2048'])).toEqual([
      '--max-old-space-size=2048',
      '--single-threaded-gc',
      '/app/dist/cli.js',
      'run',
      'in',
    ]);
    expect(relaunchArgs(argv, ['--single-threaded-gc'])).toEqual([
      '--single-threaded-gc',
      '/app/dist/cli.js',
      'run',
      'in',
    ]);
  });
});

describe('akhbar run through the relaunch', () => {
  const runtimeOf = (env: NodeJS.ProcessEnv, name: string) => {
    const summary = join(dir, `${name}.json`);
    const args = ['run', RAW, '--out', join(dir, name), '--progress', 'none', '--summary-json', summary];
    const r = cli(args, undefined, env);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(readFileSync(summary, 'utf8')) as { runtime: Record<string, unknown> }).runtime;
  };
  it('runs in a child with single-threaded GC and two malloc arenas', () => {
    const runtime = runtimeOf({}, 'tuned');
    expect(runtime.execArgv).toContain('--single-threaded-gc');
    expect(runtime.mallocArenaMax).toBe('2');
  });
  it('keeps a malloc setting the user chose, and AKHBAR_RELAUNCH=0 runs in-process', () => {
    expect(runtimeOf({ MALLOC_ARENA_MAX: '4' }, 'own').mallocArenaMax).toBe('4');
    const plain = runtimeOf({ AKHBAR_RELAUNCH: '0' }, 'plain');
    expect(plain.execArgv).not.toContain('--single-threaded-gc');
  });
});
