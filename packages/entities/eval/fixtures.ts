// Precision, recall and F1 per type of the gazetteer tagger over every fixture: the five seeds
// (fixtures/expected/*.json) and the constructed sentences (fixtures/entities/constructed.json).
// With ../shared/benchmarks/anercorp present it also scores the tagger alone (no learned model) on the
// ANERcorp test split, as a check on news it was not written for. Run: pnpm --filter @akhbar/entities eval
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mention, tagEntities } from '../src/index.js';
import { parseConll } from '../src/model/conll.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');

interface Gold {
  start: number;
  end: number;
  type: string;
  id?: string;
}
type Counts = Record<string, { tp: number; fp: number; fn: number }>;

function score(counts: Counts, gold: Gold[], pred: Gold[], withId: boolean): void {
  const key = (g: Gold) => `${g.start}:${g.end}:${g.type}${withId ? `:${g.id}` : ''}`;
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => {
    counts[t] ??= { tp: 0, fp: 0, fn: 0 };
    counts[t][k]++;
  };
  const g = new Set(gold.map(key));
  const p = new Set(pred.map(key));
  for (const x of pred) bump(x.type, g.has(key(x)) ? 'tp' : 'fp');
  for (const x of gold) if (!p.has(key(x))) bump(x.type, 'fn');
}

function table(title: string, counts: Counts): void {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '  -  ');
  console.log(`\n${title}`);
  console.log('type      precision  recall     F1     (tp/fp/fn)');
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const t of ['PERSON', 'ORG', 'LOC']) {
    const c = counts[t] ?? { tp: 0, fp: 0, fn: 0 };
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
    const p = c.tp / (c.tp + c.fp);
    const r = c.tp / (c.tp + c.fn);
    console.log(
      `${t.padEnd(9)} ${f(p)}      ${f(r)}     ${f((2 * p * r) / (p + r))}  (${c.tp}/${c.fp}/${c.fn})`,
    );
  }
  const p = all.tp / (all.tp + all.fp);
  const r = all.tp / (all.tp + all.fn);
  console.log(
    `${'all'.padEnd(9)} ${f(p)}      ${f(r)}     ${f((2 * p * r) / (p + r))}  (${all.tp}/${all.fp}/${all.fn})`,
  );
}

const asGold = (m: Mention): Gold => ({ start: m.start, end: m.end, type: m.type, id: m.entityId });

// Fixtures: the seeds and the constructed sentences.
const docs: Array<{ text: string; gold: Gold[] }> = [];
const expectedDir = join(repo, 'fixtures', 'expected');
for (const f of readdirSync(expectedDir)
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const o = JSON.parse(readFileSync(join(expectedDir, f), 'utf8'));
  docs.push({
    text: o.body,
    gold: o.mentions.map((m: { start: number; end: number; type: string; entity_id: string }) => ({
      ...m,
      id: m.entity_id,
    })),
  });
}
const constructed = JSON.parse(readFileSync(join(repo, 'fixtures', 'entities', 'constructed.json'), 'utf8'));
for (const s of constructed.sentences) {
  docs.push({
    text: s.text,
    gold: s.mentions.map((m: { start: number; end: number; type: string; entity_id: string }) => ({
      ...m,
      id: m.entity_id,
    })),
  });
}
const spans: Counts = {};
const linked: Counts = {};
for (const d of docs) {
  const pred = tagEntities(d.text).map(asGold);
  score(spans, d.gold, pred, false);
  score(linked, d.gold, pred, true);
}
console.log(
  `fixtures: ${docs.length} documents (5 seeds, ${constructed.sentences.length} constructed sentences)`,
);
table('Mentions (exact span and type)', spans);
table('Linked mentions (exact span, type and entity id)', linked);

// ANERcorp test split: the tagger alone on 2007 newswire it was not built from.
const aner = join(repo, '..', 'shared', 'benchmarks', 'anercorp', 'ANERCorp_CamelLab_test.txt');
if (!existsSync(aner)) {
  console.log(`\nANERcorp not found at ${aner}: skipped (it ships with ../shared/benchmarks).`);
} else {
  const counts: Counts = {};
  const cls: Record<string, string> = { PERS: 'PERSON', LOC: 'LOC', ORG: 'ORG' };
  for (const s of parseConll(readFileSync(aner, 'utf8'))) {
    let text = '';
    const starts: number[] = [];
    for (const w of s.tokens) {
      if (text) text += ' ';
      starts.push(text.length);
      text += w;
    }
    const gold: Gold[] = [];
    s.tags.forEach((tag, i) => {
      const [bi, c] = tag.split('-');
      const type = c ? cls[c] : undefined;
      const end = starts[i]! + s.tokens[i]!.length;
      const last = gold[gold.length - 1];
      if (type && bi === 'I' && last && last.type === type && last.end === starts[i]! - 1) last.end = end;
      else if (type) gold.push({ start: starts[i]!, end, type });
    });
    // ANERcorp keeps proclitics inside the token (بالصين): score our spans from the token's start.
    const pred = tagEntities(text).map((m) => {
      let start = m.start;
      while (start > 0 && text[start - 1] !== ' ') start--;
      return { start, end: m.end, type: m.type };
    });
    score(counts, gold, pred, false);
  }
  table('ANERcorp test split, gazetteer and rules only (exact span and type; MISC ignored)', counts);
  console.log(
    'Its names are of 2006-2007 (Bush, Blair, Arafat), before the period the gazetteer covers (2012 on);',
  );
  console.log('recall here measures coverage of that era, precision measures false alarms on unseen news.');
}
