import { describe, expect, it } from 'vitest';
import { ByteSink } from '../src/byte-sink.js';
import { csvRecordsReference, encodeCsv, encodeJsonl, type RowCodes } from '../src/csv.js';
import type { Cell } from '../src/rows.js';
import { SCHEMA, type TableSpec } from '../src/schema.js';

/** The bytes encodeCsv writes (from a small sink, so that it has to grow), one char a byte. */
function csvRecords(rows: Cell[][], coded?: RowCodes, from = 0, to = rows.length): string {
  const out = new ByteSink(16);
  encodeCsv(out, rows, coded, from, to);
  return Buffer.from(out.take()).toString('latin1');
}

function jsonlRecords(spec: TableSpec, rows: Cell[][], coded?: RowCodes): string {
  const out = new ByteSink(16);
  encodeJsonl(out, spec, rows, coded);
  return Buffer.from(out.take()).toString('latin1');
}

/** The UTF-8 bytes of text (unpaired surrogates as U+FFFD), one char a byte, to compare exactly. */
const utf8 = (s: string) => Buffer.from(s).toString('latin1');

// Values chosen to hit every quoting rule: separators, quotes, CR, LF, CRLF, a trailing CR,
// empty vs null, lists, negative and fractional numbers, Arabic text and lone surrogates.
const STRINGS = [
  '',
  'a',
  'قال الرئيس، إن',
  'a,b',
  'say "hi"',
  '"',
  '""',
  'line\nbreak',
  'cr\ronly',
  'crlf\r\nend',
  'ends with cr\r',
  '\n',
  ',',
  ' spaced ',
  '\uD800 lone',
  'tab\there',
  '=SUM(A1)',
  '-1',
];

function cell(seed: number): Cell {
  switch (seed % 6) {
    case 0:
      return null;
    case 1:
      return [-3, 0, 7, 0.5, 1e21, -0][seed % 6 === 1 ? Math.floor(seed / 6) % 6 : 0] as number;
    case 2:
      return STRINGS.slice(seed % 5, (seed % 5) + (seed % 4));
    default:
      return STRINGS[seed % STRINGS.length] as string;
  }
}

function rows(count: number, width: number): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < count; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < width; c++) cells.push(cell(r * 7 + c * 13 + ((r * c) % 11)));
    out.push(cells);
  }
  return out;
}

/**
 * The columns `which` keeps coded over their distinct values (by JSON text), as writeColumns codes
 * them; by default every third column is left plain, so coded runs of one and two columns alternate.
 */
function codeAll(rows: Cell[][], width: number, which = (c: number) => c % 3 !== 1): RowCodes {
  const codes: Array<number[] | null> = [];
  for (let c = 0; c < width; c++) {
    if (!which(c)) {
      codes.push(null);
      continue;
    }
    const seen = new Map<string, number>();
    codes.push(
      rows.map((cells) => {
        const key = JSON.stringify(cells[c] ?? null);
        if (!seen.has(key)) seen.set(key, seen.size);
        return seen.get(key) as number;
      }),
    );
  }
  return { codes };
}

describe('csvRecords', () => {
  it('gives exactly the bytes csv-stringify gives with the same rules', () => {
    for (const width of [1, 3, 8]) {
      const sample = rows(600, width);
      expect(csvRecords(sample)).toBe(utf8(csvRecordsReference(sample)));
      // Coded columns: each code's field made once, the same text.
      expect(csvRecords(sample, codeAll(sample, width))).toBe(utf8(csvRecordsReference(sample)));
      expect(csvRecords(sample, codeAll(sample, width), 100, 200)).toBe(
        utf8(csvRecordsReference(sample.slice(100, 200))),
      );
      expect(
        csvRecords(
          sample,
          codeAll(sample, width, () => true),
        ),
      ).toBe(utf8(csvRecordsReference(sample)));
    }
    for (const s of STRINGS)
      expect(csvRecords([[s, null, s]])).toBe(utf8(csvRecordsReference([[s, null, s]])));
    // Text past the short-string loop, with pairs, lone surrogates and 3-byte units.
    const long = `${'ب'.repeat(50)}😀\uDC00中"${'x'.repeat(70)}\uD83D`;
    const mixed = [[long, long.slice(0, 60), '😀\uD800']];
    expect(csvRecords(mixed)).toBe(utf8(csvRecordsReference(mixed)));
    expect(csvRecords([])).toBe('');
  });
});

describe('jsonlRecords', () => {
  it('gives exactly JSON.stringify of the row object, keys in schema order', () => {
    for (const spec of Object.values(SCHEMA)) {
      const sample = rows(300, spec.columns.length);
      sample.push(spec.columns.map(() => null));
      const expected = sample
        .map(
          (cells) =>
            `${JSON.stringify(Object.fromEntries(spec.columns.map((c, i) => [c.name, cells[i]])))}\n`,
        )
        .join('');
      expect(jsonlRecords(spec, sample)).toBe(utf8(expected));
      expect(jsonlRecords(spec, sample, codeAll(sample, spec.columns.length))).toBe(utf8(expected));
      expect(
        jsonlRecords(
          spec,
          sample,
          codeAll(sample, spec.columns.length, () => true),
        ),
      ).toBe(utf8(expected));
    }
  });
});
