/**
 * NER evaluation: CoNLL exact-span precision, recall and F1 for PERS, LOC and ORG (MISC excluded) on the
 * ANERcorp test split and on AQMAR (out of domain), for three configurations: the gazetteer and rules
 * alone, the learned tagger alone, and the two combined (combineMentions, and the package's own
 * createTagger({ model }) hook). Every system runs on running text: the corpus tokens joined by spaces,
 * 20 consecutive sentences per text, one per line, like part of an article; its character spans are mapped
 * back onto corpus tokens, so the figures measure what users get, tokenizer and clitic handling included.
 *   pnpm --filter @akhbar/entities eval:ner
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MentionLike as Mention } from '../src/model/index.js';
import {
  bioToChunks,
  combineMentions,
  defaultModel,
  parseConll,
  type Scores,
  SpanScorer,
  type TaggedSentence,
  tagCorpus,
} from '../src/model/index.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(pkg, '../../../shared/benchmarks');
const CLASS: Record<string, string> = { PERSON: 'PERS', LOC: 'LOC', ORG: 'ORG' };
const TYPES = ['PERS', 'LOC', 'ORG'];

type System = (text: string) => Array<{ start: number; end: number; type: string; method?: string }>;

// The gazetteer tagger of issue 5: tagEntities(body) -> Mention[], createTagger({ model }).
// Imported dynamically so the tagger alone can still be scored while the package index is being built.
const api: Record<string, unknown> = await import('../src/index.js').catch((e: Error) => {
  console.log(`(gazetteer tagger not loadable: ${e.message.split('\n')[0]})`);
  return {};
});
const gazetteer =
  typeof api.tagEntities === 'function' ? (api.tagEntities as (b: string) => Mention[]) : undefined;
const model = defaultModel();
// The model learned beside one version of the gazetteer; say so when the gazetteer has changed since.
if (typeof api.builtInGazetteer === 'function') {
  const now = `sha256:${createHash('sha256')
    .update(JSON.stringify((api.builtInGazetteer as () => unknown)()))
    .digest('hex')}`;
  const trained = model.model.info.gazetteerVersion;
  if (trained && trained !== now)
    console.log(
      '(note: the gazetteer changed since the model was trained; retrain with train:ner for matching features)',
    );
}
const hooked =
  typeof api.createTagger === 'function'
    ? (api.createTagger as (o: { model: unknown }) => { tag(b: string): Mention[] })({ model })
    : undefined;

const systems: Record<string, System | undefined> = {
  'gazetteer+rules': gazetteer,
  'tagger alone': (t) => model.predict(t),
  combined:
    gazetteer &&
    ((t) => {
      const g = gazetteer(t);
      return combineMentions(g, model.predict(t, undefined, g), t);
    }),
  'createTagger({ model })': hooked && ((t) => hooked.tag(t)),
  // The tagger's spans decide (ANERcorp's conventions), listed names lend their ids: see CombineOptions.
  "combined, authority 'model'":
    gazetteer &&
    ((t) => {
      const g = gazetteer(t);
      return combineMentions(g, model.predict(t, undefined, g), t, { authority: 'model' });
    }),
};

function score(corpus: readonly TaggedSentence[], system: System): Scores {
  const sc = new SpanScorer(TYPES);
  const mapped = (t: string) =>
    system(t).map((m) => ({ start: m.start, end: m.end, type: CLASS[m.type] ?? m.type }));
  tagCorpus(corpus, mapped, (gold, pred) => sc.add(bioToChunks(gold), bioToChunks(pred)));
  return sc.scores();
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function report(name: string, corpus: readonly TaggedSentence[]): void {
  const tokens = corpus.reduce((n, s) => n + s.tokens.length, 0);
  console.log(`\n## ${name}: ${corpus.length} sentences, ${tokens} tokens (MISC excluded from scoring)`);
  console.log('| configuration | PERS P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | micro F1 | macro F1 |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, system] of Object.entries(systems)) {
    if (!system) {
      console.log(
        `| ${label} | not available: @akhbar/entities does not export tagEntities/createTagger yet | | | | |`,
      );
      continue;
    }
    const r = score(corpus, system);
    const cell = (t: string) => {
      const x = r.byType[t]!;
      return `${pct(x.precision)} / ${pct(x.recall)} / ${pct(x.f1)}`;
    };
    console.log(
      `| ${label} | ${cell('PERS')} | ${cell('LOC')} | ${cell('ORG')} | ${pct(r.micro.f1)} | ${pct(r.macro.f1)} |`,
    );
  }
}

const anercorp = join(shared, 'anercorp/ANERCorp_CamelLab_test.txt');
if (existsSync(anercorp))
  report('ANERcorp test (CAMeL Lab split)', parseConll(readFileSync(anercorp, 'utf8')));
else console.log(`ANERcorp test split missing: expected ${anercorp} (../shared/benchmarks beside the repo)`);

const aqmarDir = join(shared, 'aqmar');
if (existsSync(aqmarDir)) {
  const files = readdirSync(aqmarDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  report(
    `AQMAR (${files.length} Wikipedia articles, out of domain)`,
    files.flatMap((f) => parseConll(readFileSync(join(aqmarDir, f), 'utf8'))),
  );
} else console.log(`AQMAR missing: expected ${aqmarDir}`);

// The project's fixtures: the seeds' hand-checked expected mentions (exact span and type).
const expectedDir = resolve(pkg, '../../fixtures/expected');
if (existsSync(expectedDir)) {
  const docs = readdirSync(expectedDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (f) => JSON.parse(readFileSync(join(expectedDir, f), 'utf8')) as { body: string; mentions?: Mention[] },
    )
    .filter((d) => d.mentions?.length);
  const mentions = docs.reduce((n, d) => n + d.mentions!.length, 0);
  console.log(
    `\n## Project fixtures: ${docs.length} seed articles, ${mentions} expected mentions (exact span and type)`,
  );
  console.log('| configuration | PERSON P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | micro F1 | macro F1 |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, system] of Object.entries(systems)) {
    if (!system) continue;
    const sc = new SpanScorer(['PERSON', 'LOC', 'ORG']);
    for (const d of docs) {
      const key = (m: { start: number; end: number; type: string }) => ({
        start: m.start,
        end: m.end,
        type: m.type,
      });
      sc.add(d.mentions!.map(key), system(d.body).map(key));
    }
    const r = sc.scores();
    const cell = (t: string) => {
      const x = r.byType[t]!;
      return `${pct(x.precision)} / ${pct(x.recall)} / ${pct(x.f1)}`;
    };
    console.log(
      `| ${label} | ${cell('PERSON')} | ${cell('LOC')} | ${cell('ORG')} | ${pct(r.micro.f1)} | ${pct(r.macro.f1)} |`,
    );
  }
}
