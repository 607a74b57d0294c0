import { describe, expect, it } from 'vitest';
import { csvRecords, csvRecordsReference, jsonlRecords } from '../src/csv.js';
import type { Cell } from '../src/rows.js';
import { SCHEMA } from '../src/schema.js';

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

describe('csvRecords', () => {
  it('gives exactly the bytes csv-stringify gives with the same rules', () => {
    for (const width of [1, 3, 8]) {
      const sample = rows(600, width);
      expect(csvRecords(sample)).toBe(csvRecordsReference(sample));
    }
    for (const s of STRINGS) expect(csvRecords([[s, null, s]])).toBe(csvRecordsReference([[s, null, s]]));
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
      expect(jsonlRecords(spec, sample)).toBe(expected);
    }
  });
});
