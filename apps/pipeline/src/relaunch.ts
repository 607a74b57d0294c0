// `run` and `merge` start node again, once, with settings that only take effect at start-up:
// - --single-threaded-gc: V8's parallel and concurrent GC helper threads compete with the worker
//   threads for the same cores. On 20,000 text captures it made the whole run 9% faster with 2
//   workers on 2 cores and 5% faster with 1 (median of 3-4 paired runs), for 25-50 MB more RSS.
//   Setting it from inside a running process (v8.setFlagsFromString) crashes V8.
// - MALLOC_ARENA_MAX=2: glibc gives each thread its own malloc arena, which keeps freed memory;
//   two arenas cut peak RSS by about 40 MB at the same speed. Other C libraries ignore it.
// The child runs in its own process group so that a Ctrl-C reaches it once, through the parent:
// its first SIGINT stops the run cleanly and a second would end it at once.
import { spawn } from 'node:child_process';

const MARK = 'AKHBAR_RELAUNCHED';
const HEAVY = new Set(['run', 'merge']);
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Whether this command line should be started again with the tuned runtime. */
export function shouldRelaunch(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): boolean {
  // Windows has no process groups or POSIX signals to forward; AKHBAR_RELAUNCH=0 opts out.
  if (platform === 'win32' || env[MARK] === '1' || env.AKHBAR_RELAUNCH === '0') return false;
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return false;
  return HEAVY.has(args[0] ?? '');
}

/** Node's arguments for the child: the parent's own node flags, then the tuned ones. */
export function relaunchArgs(argv: readonly string[], execArgv: readonly string[]): string[] {
  const flags = execArgv.includes('--single-threaded-gc') ? [] : ['--single-threaded-gc'];
  return [...execArgv, ...flags, ...argv.slice(1)];
}

/**
 * Run this command line again as a child with the tuned runtime and resolve to the exit code to
 * use. Signals sent to the parent are passed on; a child killed by a signal gives 128 + its number.
 */
export function relaunch(): Promise<number> {
  const child = spawn(process.execPath, relaunchArgs(process.argv, process.execArgv), {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [MARK]: '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
    detached: true,
  });
  const forward = (sig: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  const handlers = FORWARDED.map((sig) => [sig, forward(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const n: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return n[signal] ?? 1;
}

/**
 * In the child: when the parent dies without passing a signal on (SIGKILL), the IPC channel
 * closes; treat that as SIGTERM so the run stops cleanly instead of running on unseen.
 */
export function watchParent(onGone: () => void): void {
  if (process.env[MARK] !== '1' || !process.send) return;
  process.on('disconnect', onGone);
  // The channel must not keep the child alive once its work is done.
  process.channel?.unref();
}
