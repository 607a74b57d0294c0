// Lines of a JSONL stream, split and decoded as node:readline does (breaks at \r\n, \n or a lone \r;
// a final empty line dropped; invalid UTF-8 replaced by U+FFFD), but cut on bytes and decoded a line
// at a time with the transcoder (utf8.ts): readline's UTF-8 decoding of Arabic records was most of the
// main thread's time per JSONL record, time the worker threads then lacked. One difference: a
// character cut at the very end of the stream is U+FFFD here, where readline dropped its bytes, so a
// stray partial byte after the last record now makes that line an errors row instead of vanishing.
import { strictUtf8Text } from './utf8.js';

const LF = 0x0a;
const CR = 0x0d;

/** The lines between line feeds of `segment` split again at carriage returns; see lineBytesOf. */
function* parts(segment: Buffer, final: boolean): Generator<Buffer> {
  let from = 0;
  for (let cr = segment.indexOf(CR); cr !== -1; cr = segment.indexOf(CR, from)) {
    yield segment.subarray(from, cr);
    from = cr + 1;
  }
  // After a CR that ends the segment comes its LF (one break), or the end of the stream: nothing left.
  if (from < segment.length || (from === 0 && !final)) yield segment.subarray(from);
}

/** The text of a line's bytes: invalid UTF-8 becomes U+FFFD, as readline decodes it. */
export function lineText(line: Buffer): string {
  return strictUtf8Text(line) ?? line.toString('utf8');
}

/** The lines of the stream, as text. */
export async function* linesOf(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<string> {
  for await (const line of lineBytesOf(chunks)) yield lineText(line);
}

/** The lines of the stream, as bytes without their line break (views valid until the next line). */
export async function* lineBytesOf(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  for await (const chunk of chunks) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let from = 0;
    for (let lf = buf.indexOf(LF); lf !== -1; lf = buf.indexOf(LF, from)) {
      let segment = buf.subarray(from, lf);
      if (carry.length > 0) {
        segment = Buffer.concat([...carry, segment]);
        carry = [];
      }
      yield* parts(segment, false);
      from = lf + 1;
    }
    if (from < buf.length) carry.push(from === 0 ? buf : buf.subarray(from));
  }
  if (carry.length > 0) yield* parts(Buffer.concat(carry), true);
}
