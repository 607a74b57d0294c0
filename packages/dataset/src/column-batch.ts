// Rows handed over column by column (TableWriters.writeColumns): a caller that holds its data as
// columns, with a few values repeated over many rows (a mention's entity, names and type), need
// not build one object per row, and each distinct value is checked and serialized once.
import type { RowCodes } from './csv.js';
import { type Cell, checkCell, finishCells } from './rows.js';
import type { ColumnSpec, RowTypes, TableName, TableSpec } from './schema.js';

/** Values given once and referred to by code: row r's value is `values[codes[r]]`. */
export interface DictionaryColumn {
  values: ArrayLike<unknown>;
  codes: ArrayLike<number>;
}

/** One column of a batch: a value per row, or dictionary-coded values. */
export type ColumnValues = ArrayLike<unknown> | DictionaryColumn;

/**
 * `rows` rows of a table, by column. A column left out is null in every row (refused if required);
 * derived columns are computed by the writer, as with row objects, and ignored if given.
 */
export interface ColumnBatch<T extends TableName = TableName> {
  rows: number;
  columns: { [K in keyof RowTypes[T] & string]?: ColumnValues };
}

/** A batch checked against the schema: its rows' cells, and the codes of its dictionary columns. */
export interface CheckedColumns {
  cells: Cell[][];
  coded: RowCodes;
}

function isDictionary(v: ColumnValues): v is DictionaryColumn {
  return typeof v === 'object' && v !== null && 'codes' in v && 'values' in v;
}

/**
 * Check a batch the way write() checks rows (row by row, column by column, so a bad value is
 * reported at the first row that has it, with the same message) and return its cells. A
 * dictionary value is checked once, at its first row.
 */
export function checkColumns(spec: TableSpec, batch: ColumnBatch, first: number): CheckedColumns {
  const n = batch.rows;
  if (!(Number.isInteger(n) && n >= 0))
    throw new Error(`${spec.name}: a column batch needs rows, a count (got ${String(n)}).`);
  const given = batch.columns as Record<string, ColumnValues | undefined>;
  for (const name of Object.keys(given)) {
    if (!spec.columns.some((col) => col.name === name))
      throw new Error(`${spec.name} has no column '${name}': see SCHEMA.${spec.name}.columns.`);
  }
  const cols = spec.columns;
  const width = cols.length;
  const plain: Array<ArrayLike<unknown> | null> = [];
  const codes: Array<ArrayLike<number> | null> = [];
  /**
   * Per dictionary column, its values once checked (undefined until first used); by code in an
   * array, or in a Map when the dictionary is much longer than the batch (one shared by many).
   */
  const checked: Array<Array<Cell | undefined> | Map<number, Cell> | null> = [];
  for (const col of cols) {
    const v = col.derived ? undefined : given[col.name];
    const length = (a: ArrayLike<unknown>, what: string) => {
      if (a.length !== n)
        throw new Error(`${spec.name}: column '${col.name}' has ${a.length} ${what} for ${n} rows.`);
    };
    if (v !== undefined && isDictionary(v)) {
      length(v.codes, 'codes');
      plain.push(null);
      codes.push(v.codes);
      const size = v.values.length;
      checked.push(size > 4 * n + 64 ? new Map<number, Cell>() : new Array<Cell | undefined>(size));
    } else {
      if (v !== undefined) length(v, 'values');
      plain.push(v ?? null);
      codes.push(null);
      checked.push(null);
    }
  }
  const cells: Cell[][] = new Array<Cell[]>(n);
  for (let r = 0; r < n; r++) {
    const index = first + r;
    const row: Cell[] = [];
    for (let i = 0; i < width; i++) {
      const col = cols[i] as ColumnSpec;
      const memo = checked[i];
      if (memo) {
        const code = (codes[i] as ArrayLike<number>)[r] as number;
        let cell = Array.isArray(memo) ? memo[code] : memo.get(code);
        if (cell === undefined) {
          const values = (given[col.name] as DictionaryColumn).values;
          if (!(Number.isInteger(code) && code >= 0 && code < values.length)) {
            throw new Error(
              `${spec.name} row ${index}: column '${col.name}' has code ${code}, outside its ${values.length} values.`,
            );
          }
          cell = checkCell(spec.name, index, col, values[code]);
          if (Array.isArray(memo)) memo[code] = cell;
          else memo.set(code, cell);
        }
        row.push(cell);
      } else {
        const values = plain[i];
        row.push(col.derived ? null : checkCell(spec.name, index, col, values ? values[r] : null));
      }
    }
    cells[r] = finishCells(spec, row, index);
  }
  return { cells, coded: { codes } };
}

/** Row r's value of a batch's column (null where the column is left out). */
export function columnReader(batch: ColumnBatch, name: string): (r: number) => unknown {
  const v = (batch.columns as Record<string, ColumnValues | undefined>)[name];
  if (v === undefined) return () => null;
  if (isDictionary(v)) {
    const { values, codes } = v;
    return (r) => values[codes[r] as number];
  }
  return (r) => v[r];
}

/** The values array of every dictionary among `parts`, when they all share one (and there is one). */
function sharedValues(parts: ReadonlyArray<ColumnValues | undefined>): ArrayLike<unknown> | undefined {
  let shared: ArrayLike<unknown> | undefined;
  for (const p of parts) {
    if (p === undefined) continue;
    const v = (p as DictionaryColumn).values;
    if (shared === undefined) shared = v;
    else if (v !== shared) return undefined;
  }
  return shared;
}

/**
 * Batches of one table joined into one, rows in order (e.g. each article's mentions, gathered to be
 * written together). A column coded over one dictionary (the same array) in every batch that has it
 * keeps it and its codes; one coded over several dictionaries stays coded (the dictionaries are
 * appended, the codes shifted); otherwise its values are spelled out. A column some batches leave out
 * is null in their rows.
 */
export function concatColumnBatches<T extends TableName>(batches: readonly ColumnBatch<T>[]): ColumnBatch<T> {
  const names = new Set<string>();
  let rows = 0;
  for (const b of batches) {
    rows += b.rows;
    for (const name of Object.keys(b.columns)) names.add(name);
  }
  const columns: Record<string, ColumnValues> = {};
  for (const name of names) {
    const parts = batches.map((b) => (b.columns as Record<string, ColumnValues | undefined>)[name]);
    const coded = parts.every((p) => p === undefined || isDictionary(p));
    const shared = coded ? sharedValues(parts) : undefined;
    if (shared !== undefined) {
      // One dictionary shared by every batch that has the column: its codes stand, and the rows of a
      // batch that leaves the column out (an optional one, e.g. a mention's role) get its null.
      // Appending the dictionary once per batch instead made each join cost the dictionary's size
      // times the batches: with the thousands of names of real news, most of the writing time.
      let values = shared;
      let nullCode = -1;
      if (parts.includes(undefined)) {
        for (let i = 0; i < shared.length && nullCode < 0; i++) if (shared[i] === null) nullCode = i;
        if (nullCode < 0) {
          values = [...Array.from(shared), null];
          nullCode = shared.length;
        }
      }
      const codes = new Array<number>(rows);
      let r = 0;
      for (const [k, p] of parts.entries()) {
        const n = (batches[k] as ColumnBatch<T>).rows;
        if (p === undefined) codes.fill(nullCode, r, r + n);
        else {
          const c = (p as DictionaryColumn).codes;
          for (let i = 0; i < n; i++) codes[r + i] = c[i] as number;
        }
        r += n;
      }
      columns[name] = { values, codes };
    } else if (coded) {
      const values: unknown[] = [];
      const codes = new Array<number>(rows);
      let r = 0;
      for (const [k, p] of parts.entries()) {
        const n = (batches[k] as ColumnBatch<T>).rows;
        const base = values.length;
        if (p === undefined) {
          values.push(null);
          codes.fill(base, r, r + n);
        } else {
          const d = p as DictionaryColumn;
          for (let i = 0; i < d.values.length; i++) values.push(d.values[i]);
          for (let i = 0; i < n; i++) codes[r + i] = base + (d.codes[i] as number);
        }
        r += n;
      }
      columns[name] = { values, codes };
    } else {
      const values = new Array<unknown>(rows);
      let r = 0;
      for (const b of batches) {
        const read = columnReader(b, name);
        for (let i = 0; i < b.rows; i++) values[r++] = read(i);
      }
      columns[name] = values;
    }
  }
  return { rows, columns } as ColumnBatch<T>;
}
