// Atomic output: a run writes into a sibling temporary folder and swaps it in only when complete,
// so an interrupted run (Ctrl-C, kill, crash) leaves the previous outputs intact.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const PARTIAL = '.akhbar-partial-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Create the temporary output folder beside `out`, removing ones left by dead runs. */
export function beginOutput(out: string): string {
  const abs = resolve(out);
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  const prefix = `${PARTIAL}${basename(abs)}-`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
  const tmp = join(parent, `${prefix}${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

/** Swap the finished temporary folder in place of `out`. */
export function commitOutput(tmp: string, out: string): void {
  const abs = resolve(out);
  if (existsSync(abs)) {
    const old = `${tmp}-old`;
    renameSync(abs, old);
    renameSync(tmp, abs);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, abs);
  }
}

export function abandonOutput(tmp: string): void {
  rmSync(tmp, { recursive: true, force: true });
}
