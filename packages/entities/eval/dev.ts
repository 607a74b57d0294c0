/**
 * Model selection without the test split: trains on the first 5/6 of the ANERcorp train split and scores
 * the tagger alone and combined with the gazetteer on the last 1/6 (CoNLL exact spans, MISC excluded).
 *   node --conditions=source --import tsx eval/dev.ts [--seed N] [--epochs N] [--ensemble N] [--dropout X]
 *     [--window N] [--min N] [--folds N]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MentionLike as Mention } from '../src/model/index.js';
import {
  bioToChunks,
  combineMentions,
  PerceptronTagger,
  parseConll,
  SpanScorer,
  tagCorpus,
  trainModel,
} from '../src/model/index.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = parseConll(
  readFileSync(resolve(pkg, '../../../shared/benchmarks/anercorp/ANERCorp_CamelLab_train.txt'), 'utf8'),
);
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const cut = Math.floor((corpus.length * 5) / 6);
const api = (await import('../src/index.js')) as unknown as {
  tagEntities: (t: string) => Mention[];
  builtInGazetteer: () => Array<{ type: 'PERSON' | 'ORG' | 'LOC'; canonicalAr: string; aliases: string[] }>;
};
const nameList = api.builtInGazetteer().map((e) => ({ type: e.type, names: [e.canonicalAr, ...e.aliases] }));
const t0 = performance.now();
const model = trainModel(corpus.slice(0, cut), {
  epochs: Number(flag('--epochs') ?? 12),
  gazetteer: api.tagEntities,
  nameList,
  ...(flag('--dropout') ? { gazetteerDropout: Number(flag('--dropout')) } : {}),
  ...(flag('--window') ? { docWindow: Number(flag('--window')) } : {}),
  ...(flag('--min') ? { minCount: Number(flag('--min')) } : {}),
  ...(flag('--ensemble') ? { ensemble: Number(flag('--ensemble')) } : {}),
  ...(flag('--folds') ? { stackFolds: Number(flag('--folds')) } : {}),
  ...(flag('--seed') ? { seed: Number(flag('--seed')) } : {}),
});
const tagger = new PerceptronTagger(model);
console.log(`trained on ${cut} sentences in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const dev = corpus.slice(cut);
const CLASS: Record<string, string> = { PERSON: 'PERS', LOC: 'LOC', ORG: 'ORG' };
type Sys = (t: string) => Array<{ start: number; end: number; type: string }>;
const systems: Record<string, Sys> = {
  'tagger alone': (t) => tagger.predict(t),
  "combined, authority 'model'": (t) => {
    const g = api.tagEntities(t);
    return combineMentions(g, tagger.predict(t, undefined, g), t, { authority: 'model' });
  },
  combined: (t) => {
    const g = api.tagEntities(t);
    return combineMentions(g, tagger.predict(t, undefined, g), t);
  },
};
const pct = (x: number) => (x * 100).toFixed(1);
for (const [label, sys] of Object.entries(systems)) {
  const sc = new SpanScorer(['PERS', 'LOC', 'ORG']);
  const t1 = performance.now();
  tagCorpus(
    dev,
    (t) => sys(t).map((m) => ({ start: m.start, end: m.end, type: CLASS[m.type] ?? m.type })),
    (gold, pred) => sc.add(bioToChunks(gold), bioToChunks(pred)),
  );
  const r = sc.scores();
  const cell = (k: string) => {
    const x = r.byType[k]!;
    return `${k} ${pct(x.precision)}/${pct(x.recall)}/${pct(x.f1)}`;
  };
  console.log(
    `${label.padEnd(28)} micro ${pct(r.micro.f1)} macro ${pct(r.macro.f1)} | ${cell('PERS')} | ${cell('LOC')} | ${cell('ORG')} (${((performance.now() - t1) / 1000).toFixed(1)} s)`,
  );
}
