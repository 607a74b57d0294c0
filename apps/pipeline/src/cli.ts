#!/usr/bin/env node
// The `akhbar` entry point. It decides first, before loading the packages, whether this command
// runs in a relaunched child (relaunch.ts): the parent then stays a small process that only passes
// signals on (loading everything first cost it some 170 MB of RSS for nothing).
import { relaunch, shouldRelaunch } from './relaunch.js';

if (shouldRelaunch(process.argv, process.env, process.platform)) {
  relaunch().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`akhbar: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  await import('./program.js');
}
