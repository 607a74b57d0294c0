// SidecarFinder answers from one listing per folder what two lookups per input answered before:
// the same answer for every path, including names that differ only in case, dangling links, folders
// too large to list, and folders that cannot be listed.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../src/discover.js';
import { planInputs, walkInputs } from '../src/discover.js';
import { readSidecar, SidecarFinder } from '../src/inputs.js';
import { cleanup, tmp } from './helpers.js';

let root: string;
beforeAll(() => {
  root = tmp('sidecars');
  mkdirSync(join(root, 'a', 'sub'), { recursive: true });
  mkdirSync(join(root, 'many'));
  for (const f of ['1.txt', '2.txt', '3.html', '4.txt']) writeFileSync(join(root, 'a', f), 'نص');
  writeFileSync(join(root, 'a', '1.json'), '{"url":"https://example.org/1"}');
  writeFileSync(join(root, 'a', '3.html.json'), '{"url":"https://example.org/3"}');
  // Differs from 4.json only in case.
  writeFileSync(join(root, 'a', '4.JSON'), '{"url":"https://example.org/4"}');
  symlinkSync(join(root, 'nowhere.json'), join(root, 'a', '2.json'));
  writeFileSync(join(root, 'a', 'sub', '5.txt'), 'نص');
  for (let i = 0; i < 20; i++) writeFileSync(join(root, 'many', `${i}.json`), '{}');
});
afterAll(() => cleanup(root));

const candidates = (dir: string, names: string[]) =>
  names.flatMap((n) => [join(dir, n.replace(/\.[^.]+$/, '.json')), join(dir, `${n}.json`)]);

describe('SidecarFinder', () => {
  it('answers as a lookup of each path does, from one listing per folder', () => {
    const finder = new SidecarFinder();
    const small = new SidecarFinder(5);
    const paths = [
      ...candidates(join(root, 'a'), ['1.txt', '2.txt', '3.html', '4.txt', 'missing.txt']),
      ...candidates(join(root, 'a', 'sub'), ['5.txt']),
      ...candidates(join(root, 'many'), ['3.txt', '30.txt']),
      join(root, 'no-such-folder', 'x.json'),
    ];
    // Back and forth between folders, as the walk goes from a folder to a subfolder and back.
    for (const p of [...paths, ...paths.reverse()]) {
      expect(finder.exists(p), p).toBe(existsSync(p));
      expect(small.exists(p), p).toBe(existsSync(p));
    }
    expect(finder.exists(join(root, 'a', '1.json'))).toBe(true);
    // The dangling link is listed but is not there.
    expect(finder.exists(join(root, 'a', '2.json'))).toBe(false);
  });

  it('lists each folder once over a walk, however its files and subfolders interleave', async () => {
    const tree = join(root, 'tree');
    // A folder with files and 12 subfolders, two levels deep: the walk comes back to each parent
    // between its subfolders.
    for (let i = 0; i < 12; i++) {
      mkdirSync(join(tree, `d${i}`, 'inner'), { recursive: true });
      writeFileSync(join(tree, `f${i}.txt`), 'نص');
      writeFileSync(join(tree, `d${i}`, `g${i}.txt`), 'نص');
      writeFileSync(join(tree, `d${i}`, 'inner', `h${i}.txt`), 'نص');
    }
    writeFileSync(join(tree, 'f3.json'), '{"url":"https://example.org/f3"}');
    writeFileSync(join(tree, 'd5', 'inner', 'h5.json'), '{"url":"https://example.org/h5"}');
    const finder = new SidecarFinder();
    const found: string[] = [];
    let files = 0;
    for await (const f of walkInputs(planInputs([tree], root), root)) {
      files++;
      const url = readSidecar(f, finder).sidecar?.url;
      expect(readSidecar(f).sidecar?.url, f.rel).toBe(url);
      if (typeof url === 'string') found.push(url);
    }
    expect(files).toBe(36);
    expect(found.sort()).toEqual(['https://example.org/f3', 'https://example.org/h5']);
    // The folder, its 12 subfolders and their 12 inner ones.
    expect(finder.listed).toBe(25);
  });

  it('gives readSidecar the same sidecars and errors', () => {
    const finder = new SidecarFinder();
    const file = (name: string): InputFile => {
      const abs = join(root, 'a', name);
      return {
        abs,
        display: abs,
        rel: name,
        kind: name.endsWith('.html') ? 'html' : 'text',
        size: 4,
        mtimeMs: 0,
      };
    };
    for (const name of ['1.txt', '2.txt', '3.html', '4.txt', 'missing.txt'])
      expect(readSidecar(file(name), finder), name).toEqual(readSidecar(file(name)));
    expect(readSidecar(file('1.txt'), finder).sidecar?.url).toBe('https://example.org/1');
    expect(readSidecar(file('3.html'), finder).sidecar?.url).toBe('https://example.org/3');
    // The dangling link reads as no sidecar, not as an error.
    expect(readSidecar(file('2.txt'), finder)).toEqual({});
  });
});
