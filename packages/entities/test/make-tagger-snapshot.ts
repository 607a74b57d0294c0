/**
 * Writes test/fixtures/tagger-snapshot.json: the texts of snapshot-texts.ts with the mentions the tagger
 * gives them now (built-in gazetteer, no model). Run it only when a change of output is intended (new
 * gazetteer data, a new rule), and say why in the commit:
 *   node --conditions=source --import tsx test/make-tagger-snapshot.ts "<why>"
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger } from '../src/index.js';
import { snapshotTexts } from './snapshot-texts.js';
import { type TaggerSnapshot, toRows } from './tagger-snapshot.js';

const why = process.argv[2];
if (!why) throw new Error('say why the snapshot is remade: make-tagger-snapshot.ts "<why>"');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
const tagger = createTagger({ extra: [] });
const texts = snapshotTexts();
const strings: string[] = [];
const mentions = toRows(
  texts.map((t) => tagger.tag(t)),
  strings,
);
const snapshot: TaggerSnapshot = {
  description:
    "Differential snapshot of the gazetteer tagger: createTagger({ extra: [] }).tag(text) for each text (the repository's fixture bodies, then generated and hostile texts from test/snapshot-texts.ts). test/tagger-snapshot.test.ts requires the same mentions, field for field, from the current code. mentions[i] holds text i's mentions as rows [start, end, entityId, type, canonicalAr, canonicalEn, method, confidence, role?], strings as indexes into strings; the surface is text.slice(start, end) (see test/tagger-snapshot.ts).",
  madeWith: `src of commit ${commit}${dirty ? ' with uncommitted changes' : ''}`,
  why,
  strings,
  texts,
  mentions,
};
writeFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tagger-snapshot.json'),
  `${JSON.stringify(snapshot)}\n`,
);
console.log(`${texts.length} texts, ${mentions.flat().length} mentions`);
