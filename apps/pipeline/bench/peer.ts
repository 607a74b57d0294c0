// The peer in the pipeline benchmark: @mozilla/readability on jsdom (what a researcher would script
// today) over the same synthetic HTML pages, one page after another on one thread, writing title and
// text as JSON lines. It only extracts: no dates, agency, entities, dedupe or tables, so it is a
// lower bound on what the same job costs with the peer. Run as its own process so its peak RSS is
// its own:  node .bench/peer.mjs DIR COUNT OUT_FILE  -> prints one JSON line of figures.
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

/** The first `count` .html files under `dir` (one level of sub-folders), in sorted order. */
function pages(dir: string, count: number): string[] {
  const out: string[] = [];
  for (const sub of readdirSync(dir).sort()) {
    if (sub.startsWith('.')) continue;
    for (const f of readdirSync(join(dir, sub)).sort()) {
      if (f.endsWith('.html')) out.push(join(dir, sub, f));
      if (out.length >= count) return out;
    }
  }
  return out;
}

const [dir, countArg, outFile] = process.argv.slice(2);
if (!dir || !countArg || !outFile) throw new Error('usage: peer.mjs DIR COUNT OUT_FILE');
const files = pages(dir, Number(countArg));
const fd = openSync(outFile, 'w');
const t0 = performance.now();
let bytes = 0;
let extracted = 0;
for (const file of files) {
  const raw = readFileSync(file);
  bytes += raw.length;
  const virtualConsole = new VirtualConsole(); // silence CSS parse errors
  const dom = new JSDOM(raw.toString('utf8'), { url: 'https://example.com/', virtualConsole });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (article?.textContent) extracted++;
  writeSync(
    fd,
    `${JSON.stringify({ file, title: article?.title ?? null, text: article?.textContent ?? null })}\n`,
  );
}
closeSync(fd);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    pages: files.length,
    extracted,
    bytes,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
