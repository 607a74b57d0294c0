import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

/** Fixed header fields: the bundle's bytes depend on the files' names and contents only. */
const FIXED = { uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(0) };

/**
 * Write `files` (relative '/'-paths under `dir`, in the given order) as a gzip'd tar whose
 * entries sit under `prefix/`. Deterministic: sorted entries are the caller's job; mode, owner
 * and time are fixed, and gzip writes no name or time.
 */
export async function packBundle(dir: string, files: string[], prefix: string, out: string): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 9 }), createWriteStream(out));
  const dirs = new Set<string>();
  try {
    pack.entry({ ...FIXED, name: `${prefix}/`, type: 'directory', mode: 0o755 });
    for (const file of files) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (!dirs.has(d)) {
          dirs.add(d);
          pack.entry({ ...FIXED, name: `${prefix}/${d}/`, type: 'directory', mode: 0o755 });
        }
      }
      const path = join(dir, file);
      const { size } = await stat(path);
      await new Promise<void>((done, fail) => {
        const entry = pack.entry(
          { ...FIXED, name: `${prefix}/${file}`, size, type: 'file', mode: 0o644 },
          (err) => (err ? fail(err) : done()),
        );
        createReadStream(path).on('error', fail).pipe(entry);
      });
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
  }
  await written;
}

export interface ExtractLimits {
  /** Most bytes of file content the bundle may unpack to. */
  maxBytes: number;
  /** Most files it may hold. */
  maxFiles: number;
}

export class UnsafeBundleError extends Error {
  override name = 'UnsafeBundleError';
}

/**
 * Safe relative path of a bundle entry after its top folder, or an error. Refuses absolute
 * paths, drive letters, backslashes, NUL and any '..' segment, and entries outside `prefix/`.
 */
export function entryPath(name: string, prefix: string): string {
  if (name.includes('\0') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw new UnsafeBundleError(`Refusing bundle entry '${name}': absolute or non-portable path.`);
  }
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..'))
    throw new UnsafeBundleError(`Refusing bundle entry '${name}': it climbs out with '..'.`);
  if (parts[0] !== prefix) {
    throw new UnsafeBundleError(`Refusing bundle entry '${name}': everything must sit under '${prefix}/'.`);
  }
  return parts.slice(1).join('/');
}

/**
 * Unpack an untrusted .tar.gz into `dest` (a fresh folder). Only plain files and folders under
 * `prefix/` are accepted; links, devices, escaping paths, and more content or files than
 * `limits` allow abort the extraction with an UnsafeBundleError (the caller removes `dest`).
 * Returns the files written, relative to `dest`.
 */
export async function extractBundle(
  bundle: string,
  dest: string,
  prefix: string,
  limits: ExtractLimits,
): Promise<string[]> {
  const root = resolve(dest);
  await mkdir(root, { recursive: true });
  // Headers and padding add at most ~1.5 KiB per entry; anything beyond is a decompression bomb.
  const maxTarBytes = limits.maxBytes + (limits.maxFiles + 64) * 2048 + 20 * 1024;
  let tarBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      tarBytes += chunk.length;
      if (tarBytes > maxTarBytes) {
        cb(
          new UnsafeBundleError(
            `Refusing bundle: it decompresses to more than the ${maxTarBytes} bytes its index allows.`,
          ),
        );
      } else cb(null, chunk);
    },
  });
  const extract = tar.extract();
  const files: string[] = [];
  let content = 0;
  const consume = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const rel = entryPath(h.name, prefix);
      if (h.type === 'directory') {
        if (rel !== '') await mkdir(safeJoin(root, rel), { recursive: true });
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        throw new UnsafeBundleError(
          `Refusing bundle entry '${h.name}': ${h.type} entries are not allowed (plain files only).`,
        );
      }
      if (rel === '')
        throw new UnsafeBundleError(`Refusing bundle entry '${h.name}': a file in place of the top folder.`);
      if (files.length >= limits.maxFiles) {
        throw new UnsafeBundleError(
          `Refusing bundle: it holds more than the ${limits.maxFiles} files its index lists.`,
        );
      }
      content += h.size ?? 0;
      if (content > limits.maxBytes) {
        throw new UnsafeBundleError(
          `Refusing bundle: it unpacks to more than the ${limits.maxBytes} bytes its index says.`,
        );
      }
      const target = safeJoin(root, rel);
      await mkdir(resolve(target, '..'), { recursive: true });
      await pipeline(entry, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
      files.push(rel);
    }
  })();
  const feed = pipeline(createReadStream(bundle), createGunzip(), meter, extract);
  try {
    await Promise.all([consume, feed]);
  } catch (err) {
    extract.destroy();
    await Promise.allSettled([consume, feed]);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UnsafeBundleError('Refusing bundle: it lists the same file twice.');
    }
    if (
      (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ||
      (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR'
    ) {
      throw new UnsafeBundleError(`Refusing bundle: it is not a valid .tar.gz (${(err as Error).message}).`);
    }
    throw err;
  }
  return files;
}

function safeJoin(root: string, rel: string): string {
  const target = resolve(root, rel);
  if (!target.startsWith(root + sep))
    throw new UnsafeBundleError(`Refusing bundle entry '${rel}': it lands outside the output folder.`);
  return target;
}
