import { stringify } from 'csv-stringify/sync';
import type { Cell } from './rows.js';
import type { TableSpec } from './schema.js';

/**
 * CSV encoding (RFC 4180 via csv-stringify): UTF-8, CRLF between records, fields quoted when they
 * hold a comma, quote or line break (embedded newlines in bodies survive), quotes doubled.
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

const STRINGIFY_OPTIONS = {
  record_delimiter: CSV_RECORD_DELIMITER,
  // csv-stringify only checks for the record delimiter ('\r\n'); a lone '\n' or '\r' inside a
  // body must force quotes too, or readers split the record.
  quoted_match: /[\r\n]/,
  // Quote the empty string (and only it) so that it differs from null.
  cast: { string: (v: string) => (v === '' ? { value: '', quoted_empty: true } : v) },
};

function csvCell(v: Cell): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return JSON.stringify(v);
  return typeof v === 'number' ? String(v) : v;
}

export function csvRecords(rows: Cell[][]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((cells) => cells.map(csvCell)),
    STRINGIFY_OPTIONS,
  );
}

/** JSON Lines: one object per row, keys in schema order, '\n' after each. */
export function jsonlRecords(spec: TableSpec, rows: Cell[][]): string {
  let out = '';
  for (const cells of rows) {
    const obj: Record<string, Cell> = {};
    spec.columns.forEach((col, i) => {
      obj[col.name] = cells[i] ?? null;
    });
    out += `${JSON.stringify(obj)}\n`;
  }
  return out;
}
