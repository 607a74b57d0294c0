// How many worker threads a run starts when --workers is not given. A worker costs about 0.8 s of
// CPU before it runs at full speed, whatever it then processes: loading the packages, building the
// gazetteer's tables, and V8 compiling the hot code again in each thread (a fresh isolate shares no
// compiled code). On 2 cores (session 13, text and HTML captures, 2 runs each): 3,000 text captures
// (18 MB) ran in 2.6 s on 1 worker against 2.9 s on 2; 5,000 (31 MB) and 300 HTML pages (29 MB)
// took the same time on 1 or 2, with 13-24% less CPU on 1; 10,000 (62 MB) ran 12% faster on 2.
// Each worker should therefore get at least WORK_PER_WORKER bytes to process.

/** Bytes of input per worker below which another worker costs more than it saves (measured above). */
export const WORK_PER_WORKER = 16 * 1024 * 1024;

/** Gzip-compressed crawl files (WARC.gz, JSONL.gz) hold about this many bytes of HTML or text per byte. */
export const GZIP_RATIO = 4;

/** Workers for `work` bytes to process (see Survey.todoWork) on `cores` cores: all, or one per WORK_PER_WORKER. */
export function workersFor(work: number, cores: number): number {
  return onePer(work, WORK_PER_WORKER, cores);
}

/** One thread per `each` of `amount`, at least one, at most one per core. */
function onePer(amount: number, each: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(amount / each)));
}

/**
 * Articles per table-writing thread below which another thread costs more than it saves: a writing
 * thread starts up like a worker (parquet-wasm, the writers' hot code) and writes an article in about
 * the time a worker processes one, so two ranges of the default size (RANGE_ARTICLES) each.
 */
export const ARTICLES_PER_WRITER = 4096;

/** Table-writing threads for `articles` articles (reused ones included) on `cores` cores. */
export function writersFor(articles: number, cores: number): number {
  return onePer(articles, ARTICLES_PER_WRITER, cores);
}
