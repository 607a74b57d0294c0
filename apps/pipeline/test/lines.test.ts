// JSONL lines are cut on bytes and decoded a line at a time; they must be exactly the lines
// node:readline gives (the reader they replace), whatever the chunking of the stream.

import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linesOf } from '../src/lines.js';

const arabic = 'قال وزير الخارجية الصيني وانغ يي ';

async function viaReadline(chunks: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: Readable.from(chunks), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) out.push(line);
  return out;
}

async function viaLinesOf(chunks: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of linesOf(Readable.from(chunks))) out.push(line);
  return out;
}

/** The bytes cut at every `size` bytes (splitting multi-byte characters and CR LF pairs). */
function cut(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('linesOf', () => {
  const cases: Array<[string, Buffer]> = [
    ['LF lines, no final newline', Buffer.from(`{"a":1}\n{"text":"${arabic.repeat(20)}"}\n{"b":2}`)],
    ['CRLF lines and a final newline', Buffer.from(`{"a":1}\r\n{"text":"${arabic}"}\r\n`)],
    ['lone CRs, empty lines, CR at the very end', Buffer.from(`a\rb\r\rc\n\n\r\nd\r`)],
    ['only newlines', Buffer.from('\n\n\r\n\r')],
    ['empty stream', Buffer.alloc(0)],
    ['a BOM first', Buffer.from(`\ufeff{"a":"${arabic}"}\n`)],
    [
      'invalid UTF-8 in and at the end of lines',
      Buffer.concat([
        Buffer.from(`{"x":"${arabic.repeat(10)}`),
        Buffer.from([0xff, 0xd8]),
        Buffer.from('"}\n'),
        Buffer.from([0xe2, 0x82]),
        Buffer.from(`\n${arabic}\n`),
      ]),
    ],
    ['emoji and long lines', Buffer.from(`${'😀 '.repeat(500)}\n${arabic.repeat(300)}\n`)],
  ];
  for (const [name, bytes] of cases) {
    it(`gives readline's lines: ${name}, in one chunk or cut anywhere`, async () => {
      const expected = await viaReadline([bytes]);
      expect(await viaLinesOf([bytes])).toEqual(expected);
      for (const size of [1, 2, 3, 7, 64, 4096]) {
        expect(await viaLinesOf(cut(bytes, size)), `chunks of ${size}`).toEqual(expected);
        expect(await viaReadline(cut(bytes, size)), `readline, chunks of ${size}`).toEqual(expected);
      }
    });
  }

  it('reports a character cut at the end of the stream as U+FFFD, where readline drops its bytes', async () => {
    const bytes = Buffer.concat([Buffer.from(`{"a":1}\n{"b":"${arabic}"}`), Buffer.from([0xd9])]);
    const expected = ['{"a":1}', `{"b":"${arabic}"}\ufffd`];
    expect(await viaReadline([bytes])).toEqual(['{"a":1}', `{"b":"${arabic}"}`]);
    for (const size of [1, 5, 4096]) expect(await viaLinesOf(cut(bytes, size))).toEqual(expected);
  });
});
