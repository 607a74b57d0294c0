// Input discovery as a stream: folders and globs are walked one directory at a time, so finding ten
// million files holds a directory handle per level, not a list of ten million paths. Rules: in a
// folder, every file with a known extension (any case) outside dot-files and dot-folders; a glob
// matches as tinyglobby did (a pattern not ending in `*` also takes what lies below a matching
// folder); symbolic links are followed; a file reached by several arguments comes once, from the
// first argument that reaches it.
import { type Dir, existsSync, opendirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export type InputKind = 'text' | 'html' | 'jsonl' | 'warc';

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path as shown in rows: relative to the working directory, with forward slashes. */
  display: string;
  /** Path relative to the input root it was found under: the identity of an article without URL. */
  rel: string;
  kind: InputKind;
  size: number;
  mtimeMs: number;
}

const EXT_KINDS: Array<[string, InputKind]> = [
  ['.warc.gz', 'warc'],
  ['.warc', 'warc'],
  ['.jsonl.gz', 'jsonl'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.txt', 'text'],
];

export function kindOf(path: string): InputKind | null {
  const lower = path.toLowerCase();
  for (const [ext, kind] of EXT_KINDS) if (lower.endsWith(ext)) return kind;
  return null;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** One input argument: a folder, a file, or a glob walked from its static base. */
export type InputSource =
  | { type: 'dir'; root: string }
  | { type: 'file'; abs: string }
  | {
      type: 'glob';
      /** The pattern's static part as written: paths in rows are relative to it. */
      root: string;
      /** The same with escapes undone: the folder walked. */
      from: string;
      match: (abs: string) => boolean;
      enter: (abs: string) => boolean;
    };

const isDynamic = (p: string) => {
  const s = picomatch.scan(p);
  return s.isGlob || s.negated;
};

/**
 * Check and classify the input arguments (files, folders, glob patterns) before anything is read. A
 * file named explicitly with an unknown extension is an error the user must fix.
 */
export function planInputs(args: string[], cwd = process.cwd()): InputSource[] {
  return args.map((arg): InputSource => {
    const abs = resolve(cwd, arg);
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) return { type: 'dir', root: abs };
      if (!kindOf(abs)) {
        throw new Error(
          `${arg}: unsupported input type; give .txt, .html, .htm, .jsonl, .jsonl.gz, .warc or .warc.gz files, or a folder`,
        );
      }
      return { type: 'file', abs };
    }
    if (isDynamic(arg)) return globSource(arg, cwd);
    throw new Error(
      `${arg}: no such file or folder; check the path (globs must be quoted so akhbar expands them)`,
    );
  });
}

// Glob characters in the working directory are literal when it prefixes a relative pattern.
const escapeGlob = (p: string) => p.replace(/[()[\]{}*?!+@|\\]/g, '\\$&');

function globSource(arg: string, cwd: string): InputSource {
  const base = staticBase(arg);
  const root = resolve(cwd, base);
  const from = resolve(cwd, base.replace(/\\(.)/g, '$1'));
  // A negated pattern alone selects nothing (tinyglobby treats it as an ignore pattern).
  if (arg.startsWith('!') && !arg.startsWith('!('))
    return { type: 'glob', root, from, match: () => false, enter: () => false };
  let pattern = arg.endsWith('/') ? arg.slice(0, -1) : arg;
  if (!pattern.endsWith('*')) pattern += '/**';
  pattern = isAbsolute(pattern) ? posix.normalize(pattern) : posix.join(escapeGlob(toPosix(cwd)), pattern);
  const options = { dot: false, posix: true };
  const match = picomatch(pattern, options);
  const parts = picomatch.scan(pattern, { parts: true }).parts ?? [pattern];
  const partMatch = parts.map((p) => (p === '' ? (s: string) => s === '' : picomatch(p, options)));
  // Whether a folder can hold matches: its path agrees with the pattern as far as both go.
  const enter = (abs: string) => {
    const segs = toPosix(abs).split('/');
    for (let j = 0; j < Math.min(segs.length, parts.length); j++) {
      if (parts[j]!.includes('/') || parts[j] === '**') return true;
      if (!partMatch[j]!(segs[j]!)) return false;
    }
    return segs.length <= parts.length;
  };
  return { type: 'glob', root, from, match: (abs) => match(toPosix(abs)), enter };
}

function staticBase(pattern: string): string {
  const out: string[] = [];
  for (const p of pattern.split('/')) {
    if (isDynamic(p)) break;
    out.push(p);
  }
  return out.join('/') || '.';
}

const hasDotSegment = (rel: string) => rel.startsWith('.') || rel.includes(`${sep}.`);

/**
 * relative(from, to) for an absolute, normalized `from` and a normalized `to` below it, by slicing;
 * undefined for anything else, which path.relative then decides. path.relative resolves both paths
 * again on every call: per file found, that was most of the main thread's garbage in a run's walks.
 */
function below(from: string, to: string): string | undefined {
  const base = from.endsWith(sep) ? from : from + sep;
  if (!to.startsWith(base)) return undefined;
  const rest = to.slice(base.length);
  return rest === '' || rest.startsWith('..') ? undefined : rest;
}

const relativeOf = (from: string, to: string) => below(from, to) ?? relative(from, to);

/** Whether `source` yields the file `abs` (which exists and has a known extension). */
function reaches(source: InputSource, abs: string): boolean {
  if (source.type === 'file') return source.abs === abs;
  if (source.type === 'glob') return source.match(abs);
  return (
    abs.startsWith(source.root.endsWith(sep) ? source.root : source.root + sep) &&
    !hasDotSegment(relativeOf(source.root, abs))
  );
}

/** Relative to the working directory when inside it (portable rows), else absolute. */
function displayPath(cwd: string, abs: string): string {
  // On POSIX, a normalized path that is not below cwd by its characters is outside it, where
  // path.relative would give '..' (or '' for cwd itself): both are shown absolute below.
  const rel = sep === '/' ? (below(cwd, abs) ?? '') : relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? toPosix(rel) : toPosix(abs);
}

/**
 * The input files, one at a time, in walk order (not sorted: outputs are ordered by article ids
 * later). Each file is stat'ed once; nothing is kept after it is yielded.
 */
export async function* walkInputs(sources: InputSource[], cwd = process.cwd()): AsyncGenerator<InputFile> {
  // Normalized once, so that paths below it are cut by slicing (see below).
  const base = resolve(cwd);
  let seen = 0;
  for (const [k, source] of sources.entries()) {
    for (const abs of source.type === 'file' ? [source.abs] : walk(source)) {
      // The walk is synchronous (a few microseconds a file); signals and timers get a turn now and then.
      if (++seen % 1024 === 0) await new Promise((r) => setImmediate(r));
      const kind = kindOf(abs);
      if (!kind || (source.type === 'glob' && !source.match(abs))) continue;
      if (sources.slice(0, k).some((earlier) => reaches(earlier, abs))) continue;
      const st = statOrNull(abs);
      if (!st?.isFile()) continue;
      const root = source.type === 'file' ? dirname(abs) : source.root;
      yield {
        abs,
        display: displayPath(base, abs),
        rel: toPosix(relativeOf(root, abs)),
        kind,
        size: st.size,
        mtimeMs: Math.trunc(st.mtimeMs),
      };
    }
  }
}

const statOrNull = (p: string) => statSync(p, { throwIfNoEntry: false }) ?? null;
const orNull = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

/**
 * Depth-first walk of a folder or glob source: one open directory per level. Symbolic links are
 * followed, except a link back to a folder being walked (so a loop ends). Folder sources skip dot
 * entries; glob sources enter only folders that can hold matches. Unreadable folders are skipped.
 */
function* walk(source: Exclude<InputSource, { type: 'file' }>): Generator<string> {
  const stack: Array<{ path: string; real: string; dir: Dir }> = [];
  const enter = (path: string) => {
    const real = orNull(() => realpathSync(path));
    if (real === null || stack.some((s) => s.real === real || s.real.startsWith(real + sep))) return;
    const dir = orNull(() => opendirSync(path, { bufferSize: 256 }));
    if (dir) stack.push({ path, real, dir });
  };
  enter(source.type === 'glob' ? source.from : source.root);
  try {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const entry = orNull(() => top.dir.readSync());
      if (entry === null) {
        stack.pop();
        top.dir.closeSync();
        continue;
      }
      if (source.type === 'dir' && entry.name.startsWith('.')) continue;
      // path.join would normalize again a path that is normalized, plus one name from readdir.
      const child = top.path.endsWith(sep) ? top.path + entry.name : top.path + sep + entry.name;
      const isDir = entry.isSymbolicLink() ? statOrNull(child)?.isDirectory() : entry.isDirectory();
      if (isDir === true) {
        if (source.type === 'dir' || source.enter(child)) enter(child);
      } else if (isDir === false && (entry.isFile() || entry.isSymbolicLink())) yield child;
    }
  } finally {
    for (const s of stack) s.dir.closeSync();
  }
}

/**
 * Expand input arguments into a sorted, de-duplicated file list. Holds every file: for programs
 * that want the list; `akhbar run` streams `walkInputs` instead.
 */
export async function discoverInputs(args: string[], cwd = process.cwd()): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for await (const f of walkInputs(planInputs(args, cwd), cwd)) files.push(f);
  return files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
