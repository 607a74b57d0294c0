/**
 * Speed of the gazetteer tagger with the full built-in gazetteer, against a generic Aho–Corasick package
 * (modern-ahocorasick) given the same normalized patterns. Figures are CPU time of this process (MB of UTF-8
 * Arabic text per CPU-second, so "per core" even on a busy machine), after a warm-up.
 *   pnpm --filter @akhbar/entities bench:gazetteer [--mb N]
 * Input: the five seed bodies, plus the ANERcorp test text when ../shared/benchmarks is beside the repo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKey } from '@akhbar/text';
import AhoCorasick from 'modern-ahocorasick';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const targetMb = Number(args[args.indexOf('--mb') + 1] || 8);
// The built package when it is there (what users run; `pnpm bench` builds first), else the sources.
const dist = resolve(pkg, 'dist/index.js');
const lib: typeof import('../src/index.js') = existsSync(dist)
  ? await import(dist)
  : await import('../src/index.js');
console.log(`code: ${existsSync(dist) ? 'dist/index.js (built)' : 'src (not built)'}`);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Articles: the seed bodies, and ANERcorp test sentences cut into 20-sentence articles.
const articles: string[] = [];
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
    `${Math.round(corpus.length / ours)} articles/s, ${mentions} mentions`,
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
