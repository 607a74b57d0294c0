// Streaming discovery (discover.ts) against the files the tinyglobby-based discovery found on the same
// tree (test/fixtures/discover-tree.json): mixed-case extensions, dot-files and dot-folders, nested
// folders, globs, overlapping arguments, symbolic links; and what it adds: a link loop ends.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs, planInputs, walkInputs } from '../src/discover.js';
import { APP, cleanup, tmp } from './helpers.js';

interface Fixture {
  files: string[];
  links: Array<[target: string, link: string]>;
  cases: Array<{
    args: string[];
    cwd?: string;
    expected: Array<[display: string, rel: string, kind: string]>;
  }>;
}
const fixture = JSON.parse(
  readFileSync(join(APP, 'test', 'fixtures', 'discover-tree.json'), 'utf8'),
) as Fixture;

let root: string;
beforeAll(() => {
  root = tmp('discover');
  for (const f of fixture.files) {
    if (f.endsWith('/')) mkdirSync(join(root, f), { recursive: true });
    else {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), f);
    }
  }
  for (const [target, link] of fixture.links) symlinkSync(join(root, target), join(root, link));
});
afterAll(() => cleanup(root));

describe('discovery', () => {
  it.each(fixture.cases)('$args (in $cwd) finds what the glob-based discovery found', async (c) => {
    const found = await discoverInputs(c.args, join(root, c.cwd ?? '.'));
    expect(found.map((f) => [f.display.replace(root, '<root>'), f.rel, f.kind])).toEqual(c.expected);
  });

  it('walkInputs yields each file once, with the size and mtime of a stat', async () => {
    const seen: string[] = [];
    for await (const f of walkInputs(planInputs(['.', 'sub', '**/*.txt'], root), root)) {
      seen.push(f.display);
      expect(f.size).toBe(readFileSync(f.abs).length);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(fixture.cases[0]!.expected.map(([display]) => display));
  });

  it('a link to a folder being walked is not followed (the glob-based walk went round once)', async () => {
    const loopy = tmp('discover-loop');
    try {
      mkdirSync(join(loopy, 'in', 'sub'), { recursive: true });
      writeFileSync(join(loopy, 'in', 'a.txt'), 'a');
      writeFileSync(join(loopy, 'in', 'sub', 'b.txt'), 'b');
      symlinkSync(join(loopy, 'in'), join(loopy, 'in', 'sub', 'up'));
      const rels = async (arg: string) => (await discoverInputs([arg], loopy)).map((f) => f.rel);
      expect(await rels('in')).toEqual(['a.txt', 'sub/b.txt']);
      expect(await rels('in/sub')).toEqual(['b.txt']);
    } finally {
      cleanup(loopy);
    }
  });

  it('arguments are checked before anything is walked', () => {
    expect(() => planInputs(['.', 'k.md'], root)).toThrow(/k\.md: unsupported input type; give \.txt/);
    expect(() => planInputs(['nope'], root)).toThrow(/nope: no such file or folder; check the path/);
  });
});
