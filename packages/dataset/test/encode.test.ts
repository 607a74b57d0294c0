import { describe, expect, it } from 'vitest';
import { ByteSink } from '../src/byte-sink.js';
import { CodedBytes, csvRecordsReference, encodeCsv, encodeJsonl, type RowCodes } from '../src/csv.js';
import { LongText } from '../src/long-text.js';
import type { Cell } from '../src/rows.js';
import { SCHEMA, type TableSpec } from '../src/schema.js';

/** A LongText reset for rows `from` to `to` (the writers' cache of long strings' UTF-8), or none. */
function longFor(use: boolean, rows: Cell[][], from: number, to: number): LongText | undefined {
  if (!use) return undefined;
  const long = new LongText();
  long.reset(from, to, rows[from]?.length ?? 0);
  return long;
}

/** The bytes encodeCsv writes (from a small sink, so that it has to grow), one char a byte. */
function csvRecords(rows: Cell[][], coded?: RowCodes, from = 0, to = rows.length, long = false): string {
  const out = new ByteSink(16);
  encodeCsv(out, rows, { coded, from, to, long: longFor(long, rows, from, to) });
  return Buffer.from(out.take()).toString('latin1');
}

function jsonlRecords(spec: TableSpec, rows: Cell[][], coded?: RowCodes, long = false): string {
  const out = new ByteSink(16);
  encodeJsonl(out, spec, rows, { coded, long: longFor(long, rows, 0, rows.length) });
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

/**
 * Each of STRINGS inside a long Arabic text (at its start, middle and end), and texts with many
 * line feeds and quotes: what goes through LongText (LONG_TEXT units or more) in the writers.
 */
const LONG_STRINGS = [
  ...STRINGS.flatMap((s) => {
    const pad = 'قال الرئيس إن المحادثات كانت مثمرة. '.repeat(8);
    return [s + pad, pad + s + pad, pad + s];
  }),
  `${'سطر\n'.repeat(100)}"اقتباس" و"آخر"\n\n"`,
  `"${'كلمة "مقتبسة" '.repeat(30)}"`,
  `${'x'.repeat(300)}\\${'\u0001'}`,
  `${'ب'.repeat(300)}\uDFFF`,
  `${'😀'.repeat(200)}\r\n\t\b\f`,
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

  it('gives the same bytes when long strings come from LongText', () => {
    const sample = LONG_STRINGS.map((s, i): Cell[] => [s, i, STRINGS[i % STRINGS.length] as string, s]);
    expect(csvRecords(sample, undefined, 0, sample.length, true)).toBe(utf8(csvRecordsReference(sample)));
    // A chunk that does not start at row 0, and coded columns around the long ones.
    const coded = codeAll(sample, 4, (c) => c === 2);
    expect(csvRecords(sample, coded, 5, 20, true)).toBe(utf8(csvRecordsReference(sample.slice(5, 20))));
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

  it('gives the same bytes when long strings come from LongText', () => {
    const spec = SCHEMA.removed;
    const sample = LONG_STRINGS.map((s, i): Cell[] => [
      STRINGS[i % STRINGS.length] as string,
      'rule',
      s,
      i,
      s.length,
      null,
    ]);
    const expected = sample
      .map(
        (cells) => `${JSON.stringify(Object.fromEntries(spec.columns.map((c, i) => [c.name, cells[i]])))}\n`,
      )
      .join('');
    expect(jsonlRecords(spec, sample, undefined, true)).toBe(utf8(expected));
    expect(
      jsonlRecords(
        spec,
        sample,
        codeAll(sample, spec.columns.length, (c) => c === 1),
        true,
      ),
    ).toBe(utf8(expected));
  });
});

describe('CodedBytes (coded text kept across calls)', () => {
  /** Rows r of `sample` in chunks of `size`, each encoded by its own call with one cache. */
  function chunked(
    encode: (
      out: ByteSink,
      rows: Cell[][],
      coded: RowCodes,
      from: number,
      to: number,
      bytes: CodedBytes,
    ) => void,
    sample: Cell[][],
    coded: RowCodes,
    size: number,
    bytes: CodedBytes,
  ): string {
    const out = new ByteSink(16);
    for (let from = 0; from < sample.length; from += size)
      encode(out, sample, coded, from, Math.min(sample.length, from + size), bytes);
    return Buffer.from(out.take()).toString('latin1');
  }
  const csv = (out: ByteSink, r: Cell[][], coded: RowCodes, from: number, to: number, bytes: CodedBytes) =>
    encodeCsv(out, r, { coded, from, to, bytes });
  const spec = SCHEMA.mentions;
  const jsonl = (out: ByteSink, r: Cell[][], coded: RowCodes, from: number, to: number, bytes: CodedBytes) =>
    encodeJsonl(out, spec, r, { coded, from, to, bytes });
  const jsonText = (sample: Cell[][]) =>
    sample
      .map(
        (cells) => `${JSON.stringify(Object.fromEntries(spec.columns.map((c, i) => [c.name, cells[i]])))}\n`,
      )
      .join('');

  it('gives the same bytes when one cache serves many calls, as a table writer uses it', () => {
    const width = spec.columns.length;
    const sample = rows(900, width);
    const coded = codeAll(sample, width);
    const all = codeAll(sample, width, () => true);
    for (const size of [1, 7, 64, 900]) {
      expect(chunked(csv, sample, coded, size, new CodedBytes())).toBe(utf8(csvRecordsReference(sample)));
      expect(chunked(csv, sample, all, size, new CodedBytes())).toBe(utf8(csvRecordsReference(sample)));
      expect(chunked(jsonl, sample, coded, size, new CodedBytes())).toBe(utf8(jsonText(sample)));
      // Small caches: slots shared by many combinations, and a cache that starts over every few rows.
      expect(chunked(jsonl, sample, all, size, new CodedBytes(2, 64))).toBe(utf8(jsonText(sample)));
      expect(chunked(csv, sample, all, size, new CodedBytes(4, 200))).toBe(utf8(csvRecordsReference(sample)));
    }
  });

  it('gives the same bytes when calls code different columns', () => {
    const width = 6;
    // The same row again and again too: a run's first row after a change of layout then meets the
    // very codes and values the last layout left in its slot.
    const same = rows(1, width)[0] as Cell[];
    const sample = [...rows(300, width), ...Array.from({ length: 300 }, () => same)];
    const all = codeAll(sample, width, () => true).codes as number[][];
    // Each chunk codes its own set of columns: runs of coded columns start at the same column with
    // other lengths from one call to the next.
    const layouts = [
      (c: number) => c !== 3,
      () => true,
      (c: number) => c < 2 || c > 4,
      (c: number) => c % 2 === 1,
    ];
    // One slot per run: every row of a run meets the entry the previous layout left there.
    for (const slots of [1, 8]) {
      const bytes = new CodedBytes(slots);
      const out = new ByteSink(16);
      for (let from = 0, k = 0; from < sample.length; from += 50, k++) {
        const keep = layouts[k % layouts.length] as (c: number) => boolean;
        const coded: RowCodes = { codes: all.map((col, c) => (keep(c) ? col : null)) };
        encodeCsv(out, sample, { coded, from, to: from + 50, bytes });
      }
      expect(Buffer.from(out.take()).toString('latin1')).toBe(utf8(csvRecordsReference(sample)));
    }
  });

  it('makes a text again when a later call gives its code another value', () => {
    const width = 4;
    const first = rows(200, width);
    const second = rows(200, width).map((cells) => cells.map((v) => (typeof v === 'string' ? `${v}!` : v)));
    const both = [...first, ...second];
    // Each half coded on its own from 0: the same codes stand for other values in the second half.
    const codesOf = (half: Cell[][]) => codeAll(half, width, () => true).codes as number[][];
    const [a, b] = [codesOf(first), codesOf(second)];
    const coded: RowCodes = { codes: a.map((col, c) => [...col, ...(b[c] as number[])]) };
    const bytes = new CodedBytes();
    const out = new ByteSink(16);
    encodeCsv(out, both, { coded, from: 0, to: 200, bytes });
    encodeCsv(out, both, { coded, from: 200, to: 400, bytes });
    expect(Buffer.from(out.take()).toString('latin1')).toBe(utf8(csvRecordsReference(both)));
  });
});
