/**
 * Speed of the gazetteer tagger with the full built-in gazetteer, against a generic Aho–Corasick package
 * (modern-ahocorasick) given the same normalized patterns. Figures are CPU time of this process (MB of UTF-8
 * Arabic text per CPU-second, so "per core" even on a busy machine), after a warm-up.
 *   pnpm --filter @akhbar/entities bench:gazetteer [--mb N] [--dir DIR [--articles N]]
 * Input: the five seed bodies, plus the ANERcorp test text when ../shared/benchmarks is beside the repo; with
 * --dir, the .txt files under DIR instead (whole article bodies, e.g. a corpus written by the pipeline's
 * bench/synthetic.ts), the first N of them in path order (default 5000).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKey } from '@akhbar/text';
import AhoCorasick from 'modern-ahocorasick';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const targetMb = Number(flag('--mb') || 8);
const dir = flag('--dir');
const maxArticles = Number(flag('--articles') || 5000);

// The built package when it is there and newer than every source file (what users run; `pnpm bench`
// builds first), else the sources: a stale build would measure old code.
const dist = resolve(pkg, 'dist/index.js');
function newest(d: string): number {
  let t = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const built = existsSync(dist) && statSync(dist).mtimeMs >= newest(resolve(pkg, 'src'));
const lib: typeof import('../src/index.js') = built ? await import(dist) : await import('../src/index.js');
console.log(
  `code: ${built ? 'dist/index.js (built)' : existsSync(dist) ? 'src (dist/ is older than src/)' : 'src (not built)'}`,
);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Articles: the .txt files under --dir; else the seed bodies, and ANERcorp test sentences cut into
// 20-sentence articles.
const articles: string[] = [];
function txtFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory() ? txtFiles(join(d, e.name)) : e.name.endsWith('.txt') ? [join(d, e.name)] : [],
    );
}
if (dir) {
  for (const f of txtFiles(resolve(dir)).slice(0, maxArticles)) articles.push(readFileSync(f, 'utf8'));
  if (!articles.length) throw new Error(`no .txt files under ${dir}`);
  console.log(`articles: the first ${articles.length} .txt files under ${dir}`);
} else {
  const expected = resolve(pkg, '../../fixtures/expected');
  for (const f of readdirSync(expected)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    articles.push(JSON.parse(readFileSync(resolve(expected, f), 'utf8')).body);
  }
  const aner = resolve(pkg, '../../../shared/benchmarks/anercorp/ANERCorp_CamelLab_test.txt');
  if (existsSync(aner)) {
    const sentences = lib.parseConll(readFileSync(aner, 'utf8')).map((s) => s.tokens.join(' '));
    for (let k = 0; k < sentences.length; k += 20) articles.push(sentences.slice(k, k + 20).join('\n'));
  } else {
    console.log(`ANERcorp missing at ${aner}: benchmarking on the seeds only`);
  }
}
const corpus: string[] = [];
let bytes = 0;
while (bytes < targetMb * 1e6) {
  for (const a of articles) {
    corpus.push(a);
    bytes += Buffer.byteLength(a, 'utf8');
  }
}
const mb = bytes / 1e6;
console.log(`input: ${corpus.length} articles, ${mb.toFixed(1)} MB of UTF-8 (${articles.length} distinct)`);

let t = cpu();
const tagger = lib.createTagger();
const buildS = cpu() - t;
const keys = new Set<string>();
for (const e of tagger.entries)
  for (const a of [e.canonicalAr, ...e.aliases, ...e.shortForms]) keys.add(lib.phraseKey(a));
console.log(
  `gazetteer: ${tagger.entries.length} entities, ${keys.size} distinct normalized names; tagger built in ${(buildS * 1000).toFixed(0)} ms`,
);

// Warm-up, then the measured run: whole tagger (tokens, keys, clitics, trie match, short forms, roles, discovery).
// Three timed passes; the best and the median are printed (other processes on the machine slow some passes).
for (const a of corpus.slice(0, 2000)) tagger.tag(a);
const passes: number[] = [];
let mentions = 0;
for (let pass = 0; pass < 3; pass++) {
  t = cpu();
  mentions = 0;
  for (const a of corpus) mentions += tagger.tag(a).length;
  passes.push(cpu() - t);
}
passes.sort((a, b) => a - b);
const ours = passes[0]!;
console.log(
  `akhbar tagger:        ${(mb / ours).toFixed(1)} MB/s per core (median of 3 passes ${(mb / passes[1]!).toFixed(1)}), ` +
    `${Math.round(corpus.length / ours)} articles/s (${((1000 * ours) / corpus.length).toFixed(3)} ms an article of ` +
    `${(bytes / corpus.length / 1000).toFixed(1)} KB on average), ${mentions} mentions`,
);

// Aho–Corasick over the same names: normalize each article, then search. Word boundaries, clitics and the
// rest are not even attempted, so this is a lower bound on what an automaton-based tagger would cost.
t = cpu();
const ac = new AhoCorasick([...keys]);
const acBuild = cpu() - t;
const slice = corpus.slice(0, Math.max(articles.length, Math.ceil(corpus.length / 8)));
const sliceMb = slice.reduce((n, a) => n + Buffer.byteLength(a, 'utf8'), 0) / 1e6;
for (const a of slice.slice(0, 200)) ac.count(normalizeKey(a));
t = cpu();
let hits = 0;
for (const a of slice) hits += ac.search(normalizeKey(a)).length;
const acS = cpu() - t;
const normalized = slice.map((a) => normalizeKey(a));
t = cpu();
for (const a of normalized) ac.search(a);
const acOnly = cpu() - t;
console.log(
  `modern-ahocorasick:   ${(sliceMb / acS).toFixed(1)} MB/s per core with normalization (${hits} raw hits, no boundaries), ` +
    `${(sliceMb / acOnly).toFixed(1)} MB/s search alone; automaton built in ${(acBuild * 1000).toFixed(0)} ms`,
);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`target: >= 20 MB/s per core through the tagger: ${mb / ours >= 20 ? 'met' : 'NOT met'}`);
