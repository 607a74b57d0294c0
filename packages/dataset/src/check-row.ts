import { rowProblem } from './rows.js';
import { type RowTypes, type TableName, tableSpec } from './schema.js';

/**
 * Why `row` would be refused by openTableWriters' write() (wrong type, missing required value,
 * `published` not ISO 8601, end < start), or null when it conforms. Check rows one by one with
 * it to turn a bad one into an errors row instead of failing its whole batch.
 */
export function checkRow<T extends TableName>(table: T, row: RowTypes[T]): string | null {
  return rowProblem(tableSpec(table), row as unknown as Record<string, unknown>);
}
