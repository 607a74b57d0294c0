#!/usr/bin/env node
// The report tests render pages in Debian's Chromium (never a browser downloaded by a test tool).
// `pnpm test` runs this first so that the README's test command works on a fresh Debian machine.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = existsSync('/usr/bin/apt-get');
if (!process.env.CHROMIUM_PATH && root && apt) {
  process.stderr.write("installing Debian's chromium for the report tests (apt-get)...\n");
  execSync('apt-get update -qq && apt-get install -y -qq chromium >/dev/null', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (existsSync(path)) process.exit(0);
}
process.stderr.write(
  `The report tests need Chromium at ${path}: on Debian run \`sudo apt-get install -y chromium\`, ` +
    'or set CHROMIUM_PATH to a Chromium binary.\n',
);
process.exit(1);
