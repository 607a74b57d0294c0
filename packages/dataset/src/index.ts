export { buildEntities, compareCodeUnits } from './entities.js';
export { parquetFiles, type ReadTableOptions, readTable } from './read.js';
export { type Cell, isoDatePart } from './rows.js';
export * from './schema.js';
export {
  openTableWriters,
  partName,
  TABLE_FORMATS,
  type TableFormat,
  type TableSummary,
  type TableWriters,
  type TableWritersOptions,
} from './writers.js';
