import type { ColumnSpec, TableSpec } from './schema.js';

/** A row after checking: one value per column, in schema order. Dates are 'YYYY-MM-DD' strings. */
export type Cell = string | number | string[] | null;

// Linear-time shapes (no nested quantifiers), so hostile values cannot make them backtrack.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** 'YYYY-MM-DD' from an ISO 8601 date or date-time with offset; null when it is neither. */
export function isoDatePart(value: string): string | null {
  if (value.length > 40) return null;
  const match = ISO_DATE.exec(value) ?? ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  return validDate(Number(y), Number(m), Number(d)) ? value.slice(0, 10) : null;
}

function fail(table: string, index: number, column: string, why: string): never {
  throw new Error(`${table} row ${index}: column '${column}' ${why}. Fix the row before writing it.`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  try {
    return String(JSON.stringify(value)).slice(0, 60);
  } catch {
    return typeof value;
  }
}

/** One value checked against its column: the cell, or an Error naming table, row and column. */
export function checkCell(table: string, index: number, col: ColumnSpec, value: unknown): Cell {
  if (value === undefined || value === null) {
    if (!col.nullable) fail(table, index, col.name, 'is required (got null)');
    return null;
  }
  switch (col.type) {
    case 'string':
      if (typeof value !== 'string') fail(table, index, col.name, `must be a string, got ${describe(value)}`);
      return value;
    case 'int32':
      if (!Number.isInteger(value) || (value as number) < -(2 ** 31) || (value as number) >= 2 ** 31) {
        fail(table, index, col.name, `must be a 32-bit integer, got ${describe(value)}`);
      }
      return value as number;
    case 'int64':
      if (!Number.isSafeInteger(value))
        fail(table, index, col.name, `must be an integer, got ${describe(value)}`);
      return value as number;
    case 'float64':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail(table, index, col.name, `must be a finite number, got ${describe(value)}`);
      }
      return value;
    case 'date': {
      const date = typeof value === 'string' ? isoDatePart(value) : null;
      if (date === null)
        fail(table, index, col.name, `must be an ISO 8601 date 'YYYY-MM-DD', got ${describe(value)}`);
      return date;
    }
    case 'list<string>':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        fail(table, index, col.name, `must be an array of strings, got ${describe(value)}`);
      }
      return value as string[];
  }
}

/**
 * Check a caller's row against the table schema and return its cells in column order.
 * Derived columns are computed here (articles.published_date from published).
 */
export function toCells(spec: TableSpec, row: Record<string, unknown>, index: number): Cell[] {
  if (row === null || typeof row !== 'object') {
    throw new Error(
      `${spec.name} row ${index}: expected an object with the ${spec.name} columns, got ${describe(row)}.`,
    );
  }
  const cols = spec.columns;
  const cells: Cell[] = [];
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i] as ColumnSpec;
    cells.push(col.derived ? null : checkCell(spec.name, index, col, row[col.name]));
  }
  return finishCells(spec, cells, index);
}

interface TableRules {
  /** Column indexes of articles' published/published_date, and of start/end in tables with spans. */
  published: number;
  publishedDate: number;
  start: number;
  end: number;
}

const rulesCache = new WeakMap<TableSpec, TableRules>();

function tableRules(spec: TableSpec): TableRules {
  let rules = rulesCache.get(spec);
  if (!rules) {
    const at = (name: string) => spec.columns.findIndex((col) => col.name === name);
    const articles = spec.name === 'articles';
    const spans = spec.name === 'mentions' || spec.name === 'removed';
    rules = {
      published: articles ? at('published') : -1,
      publishedDate: articles ? at('published_date') : -1,
      start: spans ? at('start') : -1,
      end: spans ? at('end') : -1,
    };
    for (const col of spec.columns) {
      if (col.derived && !(articles && col.name === 'published_date'))
        throw new Error(`No derivation for ${spec.name}.${col.name}.`);
    }
    rulesCache.set(spec, rules);
  }
  return rules;
}

/**
 * The checks that span columns (articles.published is ISO 8601, start <= end), then the derived
 * columns, on cells whose own columns are already checked (derived ones left null). Returns `cells`.
 */
export function finishCells(spec: TableSpec, cells: Cell[], index: number): Cell[] {
  const rules = tableRules(spec);
  if (rules.published >= 0) {
    const published = cells[rules.published];
    const date = typeof published === 'string' ? isoDatePart(published) : null;
    if (typeof published === 'string' && date === null) {
      fail(
        spec.name,
        index,
        'published',
        `must be ISO 8601 ('YYYY-MM-DD' or date-time with offset), got ${describe(published)}`,
      );
    }
    if (rules.publishedDate >= 0) cells[rules.publishedDate] = date;
  }
  if (rules.start >= 0) {
    const start = cells[rules.start] as number;
    const end = cells[rules.end] as number;
    if (start < 0 || end < start)
      fail(spec.name, index, 'end', `must satisfy 0 <= start <= end (got ${start}, ${end})`);
  }
  return cells;
}

/** Cells back to a plain row object keyed by column name (JSONL form). */
export function cellsToObject(spec: TableSpec, cells: Cell[]): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  spec.columns.forEach((col, i) => {
    out[col.name] = cells[i] ?? null;
  });
  return out;
}

/** Approximate bytes a row holds in memory, to bound buffers by size as well as by count. */
export function cellBytes(cells: Cell[]): number {
  let n = 16;
  for (const v of cells) {
    if (typeof v === 'string') n += v.length * 2 + 16;
    else if (Array.isArray(v)) for (const s of v) n += s.length * 2 + 24;
    else n += 8;
  }
  return n;
}

/**
 * Why a row would be refused by the writers, or null when it conforms. Lets a caller turn a bad
 * row into an errors row instead of failing the whole batch.
 */
export function rowProblem(spec: TableSpec, row: Record<string, unknown>): string | null {
  try {
    toCells(spec, row, 0);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
