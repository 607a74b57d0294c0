import { stringify } from 'csv-stringify/sync';
import type { Cell } from './rows.js';
import type { TableSpec } from './schema.js';

/**
 * CSV encoding (RFC 4180): UTF-8, CRLF between records, fields quoted when they hold a comma,
 * quote or line break (embedded newlines in bodies survive), quotes doubled.
 * null is an empty unquoted field; the empty string is `""`, so the two stay distinct.
 * list<string> cells are a JSON array (`["a","b"]`), dates 'YYYY-MM-DD', numbers in JS shortest form.
 */
export const CSV_RECORD_DELIMITER = '\r\n';

/** UTF-8 byte order mark: lets Excel detect UTF-8 and show Arabic. */
export const UTF8_BOM = '\uFEFF';

export function csvHeader(spec: TableSpec, bom: boolean): string {
  const header = stringify([spec.columns.map((col) => col.name)], { record_delimiter: CSV_RECORD_DELIMITER });
  return bom ? UTF8_BOM + header : header;
}

/** csv-stringify's settings for the rules above; the reference that csvRecords is tested against. */
export const STRINGIFY_OPTIONS = {
  record_delimiter: CSV_RECORD_DELIMITER,
  // csv-stringify only checks for the record delimiter ('\r\n'); a lone '\n' or '\r' inside a
  // body must force quotes too, or readers split the record.
  quoted_match: /[\r\n]/,
  // Quote the empty string (and only it) so that it differs from null.
  cast: { string: (v: string) => (v === '' ? { value: '', quoted_empty: true } : v) },
};

export function csvCell(v: Cell): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return JSON.stringify(v);
  return typeof v === 'number' ? String(v) : v;
}

// Linear scan, no backtracking.
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, exactly as csv-stringify writes it with STRINGIFY_OPTIONS. */
function csvField(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  if (s === '') return '""';
  if (!NEEDS_QUOTES.test(s)) return s;
  return `"${s.includes('"') ? s.replaceAll('"', '""') : s}"`;
}

/**
 * CSV records for checked rows, each followed by CRLF. Written by hand rather than with
 * csv-stringify, which spends most of a large run in per-field option handling; the output is
 * byte-identical to csv-stringify with STRINGIFY_OPTIONS (a test compares both).
 */
export function csvRecords(rows: Cell[][]): string {
  let out = '';
  for (const cells of rows) {
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out += ',';
      out += csvField(cells[i] ?? null);
    }
    out += CSV_RECORD_DELIMITER;
  }
  return out;
}

/** csvRecords through csv-stringify: the reference implementation, for tests. */
export function csvRecordsReference(rows: Cell[][]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((cells) => cells.map(csvCell)),
    STRINGIFY_OPTIONS,
  );
}

const keyCache = new WeakMap<TableSpec, string[]>();

/** '{"col":' then ',"col":' ...: the JSON text before each value, in schema order. */
function jsonKeys(spec: TableSpec): string[] {
  let keys = keyCache.get(spec);
  if (!keys) {
    keys = spec.columns.map((col, i) => `${i === 0 ? '{' : ','}${JSON.stringify(col.name)}:`);
    keyCache.set(spec, keys);
  }
  return keys;
}

/**
 * JSON Lines: one object per row, keys in schema order, '\n' after each. Concatenated by hand
 * (same bytes as JSON.stringify of the row object, which the tests check) to skip building an
 * object per row.
 */
export function jsonlRecords(spec: TableSpec, rows: Cell[][]): string {
  const keys = jsonKeys(spec);
  const n = keys.length;
  if (n === 0) return '{}\n'.repeat(rows.length);
  let out = '';
  for (const cells of rows) {
    for (let i = 0; i < n; i++) {
      const v = cells[i] ?? null;
      out += keys[i] as string;
      out += v === null ? 'null' : typeof v === 'number' ? String(v) : JSON.stringify(v);
    }
    out += '}\n';
  }
  return out;
}
