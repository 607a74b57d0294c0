export { assemble } from './assemble.js';
export { decodeBytes } from './decode.js';
export { findDuplicates, minhash, NEAR_THRESHOLD, similarity } from './dedupe.js';
export { articleId, collisionId, sha256Hex, siteOf } from './ids.js';
export { discoverInputs, type InputFile, kindOf, recordsOf } from './inputs.js';
export { processTask, type Task } from './process.js';
export { buildReport, type ReportOptions, renderReport, writeReport } from './report/index.js';
export type { ArticleRow, ErrorRow, MentionRow, RecordResult, RemovedRow } from './rows.js';
export {
  DEFAULT_MAX_BYTES,
  inShard,
  PIPELINE_VERSION,
  type RunOptions,
  type RunSummary,
  run,
  type Shard,
} from './run.js';
