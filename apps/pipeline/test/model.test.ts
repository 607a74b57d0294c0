// `akhbar run --model`: the learned tagger of @akhbar/entities runs beside the gazetteer (issue 9).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, cli, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

type Row = Record<string, unknown>;

// Constructed capture (not a real article). Joseph Kabila, former president of the DR Congo, is not in
// the gazetteer and no title introduces him here, so only the learned tagger can find him; كينشاسا is listed.
const KABILA =
  'كينشاسا (رويترز) - وقال جوزيف كابيلا في مؤتمر صحفي عقد في كينشاسا إن الانتخابات ستجرى في موعدها.\n';

let dir: string;
let input: string;
const run = (out: string, extra: string[]) =>
  cli(['run', input, '--out', out, '--workers', '1', '--progress', 'none', '--formats', 'jsonl', ...extra]);

beforeAll(() => {
  dir = tmp('model');
  input = join(dir, 'in');
  mkdirSync(input);
  for (const s of SEEDS) copyFileSync(join(RAW, s), join(input, s));
  writeFileSync(join(input, 'constructed-kabila.txt'), KABILA);
});
afterAll(() => cleanup(dir));

describe('run --model', () => {
  it('adds tagger-only names as model mentions, adds no false names to the seeds, and feeds candidates', () => {
    const plainOut = join(dir, 'plain');
    const modelOut = join(dir, 'with-model');
    expect(run(plainOut, []).code).toBe(0);
    const r = run(modelOut, ['--model']);
    expect(r.code, r.stderr).toBe(0);

    const articles = readJsonl<Row>(join(modelOut, 'articles.jsonl'));
    const bodies = new Map(articles.map((a) => [a.article_id, a.body as string]));
    const constructedId = articles.find((a) =>
      String(a.source_path).endsWith('constructed-kabila.txt'),
    )!.article_id;
    const key = (m: Row) => `${m.article_id} ${m.start} ${m.end} ${m.entity_id}`;
    const plain = readJsonl<Row>(join(plainOut, 'mentions.jsonl'));
    const withModel = readJsonl<Row>(join(modelOut, 'mentions.jsonl'));
    for (const m of withModel)
      expect(bodies.get(m.article_id as string)!.slice(m.start as number, m.end as number)).toBe(m.surface);

    // On the five seeds the model changes nothing: every name there is in the gazetteer.
    const seedsOnly = (rows: Row[]) =>
      rows
        .filter((m) => m.article_id !== constructedId)
        .map(key)
        .sort();
    expect(seedsOnly(withModel)).toEqual(seedsOnly(plain));

    const model = withModel.filter((m) => m.method === 'model');
    expect(model.map((m) => [m.surface, m.type, m.entity_id])).toEqual([
      ['جوزيف كابيلا', 'PERSON', 'model:per:جوزيف_كابيلا'],
    ]);
    expect(plain.some((m) => m.surface === 'جوزيف كابيلا')).toBe(false);

    const c = cli(['entities', 'candidates', modelOut]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^PERSON,1,جوزيف كابيلا,model$/m);
  });
});
