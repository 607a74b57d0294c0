export { checkRow } from './check-row.js';
export {
  type ColumnBatch,
  type ColumnValues,
  concatColumnBatches,
  type DictionaryColumn,
} from './column-batch.js';
export { appendFile, openTableConcat, type TableConcat, type TableConcatOptions } from './concat.js';
export { buildEntities } from './entities.js';
export {
  createEntityAccumulator,
  type EntityAccumulator,
  type EntityAccumulatorOptions,
  type EntityAccumulatorState,
  type EntityState,
} from './entity-accumulator.js';
export { countCsvRecords, countLines, hashFile, listFiles } from './files.js';
export { compareCodeUnits } from './order.js';
export { parquetFiles, type ReadTableOptions, readTable } from './read.js';
export { type BuildReleaseOptions, type BuildReleaseResult, buildRelease } from './release/build.js';
export { diffReleases, type ReleaseDiff, type ReleaseSnapshot } from './release/changelog.js';
export {
  type DownloadReleaseOptions,
  type DownloadReleaseResult,
  downloadRelease,
  readDatapackage,
  readReleaseIndex,
} from './release/download.js';
export { parseIndex, type ReleaseIndex, type ReleaseIndexEntry } from './release/index-file.js';
export { bundleName, type Creator, compareVersions, type ReleaseFile } from './release/model.js';
export { type OpenReleaseOptions, openRelease, type Release } from './release/open.js';
export { readFrontMatter, type ValidationReport, validateRelease } from './release/validate.js';
export { type DatasetValidationReport, validateDataset } from './release/validate-dataset.js';
export { type Cell, isoDatePart } from './rows.js';
export * from './schema.js';
export { type ExtractLimits, entryPath, extractBundle, packBundle, UnsafeBundleError } from './tar.js';
export { WRITE_CHUNK_BYTES, writeChunked, writeFileChunked } from './write-chunks.js';
export {
  openTableWriters,
  partName,
  TABLE_FORMATS,
  type TableFormat,
  type TableSummary,
  type TableWriters,
  type TableWritersOptions,
  type TextFormat,
  type TextSink,
} from './writers.js';
