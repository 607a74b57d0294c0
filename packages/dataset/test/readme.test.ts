import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { validateRelease } from '../src/index.js';
import { tempDir } from './helpers.js';

const cwd = process.cwd();
afterEach(() => {
  process.chdir(cwd);
  vi.restoreAllMocks();
});

it("runs the README's example as written and its release validates", async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  const dir = await tempDir();
  const file = join(dir, 'example.ts');
  const src = join(import.meta.dirname, '..', 'src', 'index.ts');
  writeFileSync(file, (code as string).replaceAll("from '@akhbar/dataset'", `from ${JSON.stringify(src)}`));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  process.chdir(dir);
  await import(file);
  expect(existsSync(join(dir, 'out', 'articles.parquet'))).toBe(true);
  expect(existsSync(join(dir, 'releases', 'xinhua-arabic', 'xinhua-arabic-v1.0.0.tar.gz'))).toBe(true);
  expect((await validateRelease(join(dir, 'copy'))).ok).toBe(true);
  expect(log.mock.calls.at(-1)).toEqual([true]);
});
