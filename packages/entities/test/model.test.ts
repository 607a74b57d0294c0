import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '@akhbar/text';
import { describe, expect, it } from 'vitest';
import type { MentionLike as Mention } from '../src/model/index.js';
import {
  alignSentence,
  bioToChunks,
  calibrateTemperature,
  canonicalTag,
  combineMentions,
  defaultModel,
  defaultModelPath,
  gazetteerTags,
  modelEntityId,
  PerceptronTagger,
  parseConll,
  parseModel,
  predict,
  readModel,
  SpanScorer,
  serializeModel,
  spansToTokenTags,
  tagCorpus,
  trainModel,
} from '../src/model/index.js';

const fixtures = join(__dirname, '../../../fixtures');
const seeds = readdirSync(join(fixtures, 'expected'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) =>
      JSON.parse(readFileSync(join(fixtures, 'expected', f), 'utf8')) as {
        body: string;
        mentions?: Mention[];
      },
  );

// A tiny hand-written corpus in ANERcorp's format, so training tests need no external data.
const CORPUS = `قال B-PERS
محمد I-PERS
اليوم O

زار O
الرئيس O
جورج B-PERS
بوش I-PERS
مدينة O
القاهرة B-LOC
( O
مصر B-LOC
) O

أعلنت O
منظمة B-ORG
الأمم I-ORG
المتحدة I-ORG
في O
جنيف B-LOC
أمس O

التقى O
وزير O
الخارجية O
عمرو B-PERS
موسى I-PERS
في O
بيروت B-LOC
`;

describe('parseConll / canonicalTag', () => {
  it('reads sentences separated by blank lines and maps corpus tag variants', () => {
    const s = parseConll(CORPUS);
    expect(s).toHaveLength(4);
    expect(s[1]!.tokens.slice(2, 4)).toEqual(['جورج', 'بوش']);
    expect(s[1]!.tags.slice(2, 4)).toEqual(['B-PERS', 'I-PERS']);
    expect(['B-PER', 'I--ORG', 'B-MIS1`', 'IO', 'OO', 'B-MISC'].map(canonicalTag)).toEqual([
      'B-PERS',
      'I-ORG',
      'B-MISC',
      'O',
      'O',
      'B-MISC',
    ]);
  });
  it('skips lines without a tag and tolerates CRLF and a BOM', () => {
    expect(parseConll('\uFEFFبيروت B-LOC\r\nبلا\r\n\r\nx O\r\n')).toEqual([
      { tokens: ['بيروت'], tags: ['B-LOC'] },
      { tokens: ['x'], tags: ['O'] },
    ]);
  });
});

describe('bioToChunks / SpanScorer', () => {
  it('follows conlleval: a stray I- starts a chunk, a type change splits one', () => {
    expect(bioToChunks(['I-LOC', 'I-LOC', 'O', 'B-PERS', 'I-ORG', 'B-ORG'])).toEqual([
      { start: 0, end: 2, type: 'LOC' },
      { start: 3, end: 4, type: 'PERS' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'ORG' },
    ]);
  });
  it('counts exact spans only and ignores MISC on both sides', () => {
    const sc = new SpanScorer(['PERS', 'LOC', 'ORG']);
    sc.add(
      bioToChunks(['B-PERS', 'I-PERS', 'O', 'B-LOC', 'B-MISC']),
      bioToChunks(['B-PERS', 'O', 'O', 'B-LOC', 'B-MISC']),
    );
    const r = sc.scores();
    expect(r.byType.LOC).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(r.byType.PERS).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(r.micro).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(r.macro.f1).toBeCloseTo((0 + 1 + 0) / 3);
  });
});

describe('alignSentence', () => {
  it('re-tokenizes corpus tokens and keeps brackets outside names', () => {
    const a = alignSentence({ tokens: ['(مصر)', 'و', 'كوفيد-19'], tags: ['B-LOC', 'O', 'B-MISC'] });
    expect(a.tokens.map((t) => t.text)).toEqual(['(', 'مصر', ')', 'و', 'كوفيد', '-', '19']);
    expect(a.tags).toEqual(['O', 'B-LOC', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC']);
    for (const [s, e] of a.spans) expect(a.text.slice(s, e)).not.toMatch(/^\s|\s$/);
  });
  it('maps character spans back onto corpus tokens by overlap', () => {
    const a = alignSentence({
      tokens: ['التقى', 'ولافروف', 'وانغ', 'يي'],
      tags: ['O', 'B-PERS', 'B-PERS', 'I-PERS'],
    });
    const laf = a.text.indexOf('لافروف');
    const wang = a.text.indexOf('وانغ');
    const tags = spansToTokenTags(
      [
        { start: laf, end: laf + 6, type: 'PERS' },
        { start: wang, end: a.text.length, type: 'PERS' },
      ],
      a.spans,
    );
    expect(tags).toEqual(['O', 'B-PERS', 'B-PERS', 'I-PERS']);
  });
});

describe('training', () => {
  it('is deterministic: the same corpus and seed give the same model bytes', () => {
    const corpus = parseConll(CORPUS);
    const a = serializeModel(trainModel(corpus, { epochs: 5, seed: 7 }));
    const b = serializeModel(trainModel(corpus, { epochs: 5, seed: 7 }));
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
  });
  it('learns its training data and round-trips through the model file', () => {
    const corpus = parseConll(CORPUS);
    const m = parseModel(serializeModel(trainModel(corpus, { epochs: 10 })));
    expect(m.info.licence).toBe('CC BY-SA 4.0');
    const text = 'زار الرئيس جورج بوش مدينة القاهرة';
    const out = new PerceptronTagger(m).predict(text).map((s) => [text.slice(s.start, s.end), s.type]);
    expect(out).toEqual([
      ['جورج بوش', 'PERSON'],
      ['القاهرة', 'LOC'],
    ]);
  });
  it('trains a second, document-level stage that round-trips through the model file; a file without one still loads', () => {
    const corpus = parseConll(`${CORPUS}\n${CORPUS}\n${CORPUS}`);
    const trained = trainModel(corpus, { epochs: 5, stackFolds: 3 });
    expect(trained.stage2?.features.size).toBeGreaterThan(trained.features.size);
    const m = parseModel(serializeModel(trained));
    expect(m.stage2).toBeDefined();
    const text = 'زار الرئيس جورج بوش مدينة القاهرة\nوقال بوش إن القاهرة شريك';
    const spans = (model: typeof m) =>
      new PerceptronTagger(model).predict(text).map((x) => [x.start, x.end, x.type]);
    expect(spans(m)).toEqual(spans(trained));
    expect(spans(m)).toContainEqual([text.indexOf('جورج'), text.indexOf('جورج') + 8, 'PERSON']);
    // A model file from before the second stage: the first stage alone decodes.
    const { stage2: _, ...firstOnly } = JSON.parse(serializeModel(trained)) as Record<string, unknown>;
    expect(parseModel(JSON.stringify(firstOnly)).stage2).toBeUndefined();
    expect(new PerceptronTagger(parseModel(JSON.stringify(firstOnly))).predict(text).length).toBeGreaterThan(
      0,
    );
    expect(trainModel(corpus, { epochs: 5, secondStage: false }).stage2).toBeUndefined();
  });
  it('refuses an empty corpus and a file that is not a model, with a message saying what to do', () => {
    expect(() => trainModel([])).toThrow(/at least one tagged sentence/);
    expect(() => parseModel('{"info":{}}')).toThrow(/not an akhbar NER model/);
    expect(() => parseModel('garbage')).toThrow(/not valid JSON/);
    expect(() => readModel('/nonexistent/model.json.gz')).toThrow(/not found at \/nonexistent/);
  });
});

describe('the shipped model', () => {
  const model = defaultModel();

  it('ships as one data file well under the 20 MB limit', () => {
    const size = statSync(defaultModelPath()).size;
    expect(size).toBeGreaterThan(100_000);
    expect(size).toBeLessThan(20 * 1024 * 1024);
  });

  it('loads from the package data with its licence and citation', () => {
    const m = readModel();
    expect(m.info.licence).toBe('CC BY-SA 4.0');
    expect(m.info.citation).toMatch(/Benajiba/);
    expect(m.info.citation).toMatch(/Obeid/);
    expect(m.features.size).toBeGreaterThan(10_000);
  });

  it('finds unlisted names in running text, with offsets into the body', () => {
    const body =
      'وقال رئيس الوزراء الماليزي أنور إبراهيم في مدينة كوالالمبور إن منظمة التجارة العالمية ستجتمع.';
    const spans = predict(body);
    const got = spans.map((s) => [body.slice(s.start, s.end), s.type]);
    expect(got).toContainEqual(['أنور إبراهيم', 'PERSON']);
    expect(got).toContainEqual(['كوالالمبور', 'LOC']);
    for (const s of spans) {
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(body.slice(s.start, s.end).trim()).toBe(body.slice(s.start, s.end));
    }
  });

  it('leaves a conjunction or preposition before the article outside the name', () => {
    const body = 'وصل الوفد إلى بيروت والقاهرة وزار بالقاهرة عدة مواقع.';
    const surfaces = predict(body).map((s) => body.slice(s.start, s.end));
    expect(surfaces).toContain('القاهرة');
    expect(surfaces).not.toContain('والقاهرة');
    expect(surfaces).not.toContain('بالقاهرة');
  });

  it('splits two names joined by و and leaves the و outside the second; keeps ك-initial names and organisation names whole', () => {
    const body =
      'وشارك في الاجتماع كل من خالد العنزي وسعاد المالكي من جامعة الملك سعود. وأوضح كريم بن حمودة أن الوفد سيزور صفاقس.';
    const got = predict(body).map((s) => [body.slice(s.start, s.end), s.type]);
    expect(got).toContainEqual(['خالد العنزي', 'PERSON']);
    expect(got).toContainEqual(['سعاد المالكي', 'PERSON']);
    expect(got).toContainEqual(['جامعة الملك سعود', 'ORG']);
    expect(got).toContainEqual(['كريم بن حمودة', 'PERSON']);
  });

  it('drops a lone title word and a name joined to a number (a designation)', () => {
    const body = 'واتفق الوزيران على مكافحة جائحة كوفيد-19 معا.';
    const surfaces = predict(body).map((s) => body.slice(s.start, s.end));
    expect(surfaces).not.toContain('الوزيران');
    expect(surfaces).not.toContain('كوفيد');
  });

  it('does not take a stock phrase that opens with a given name for a person (حسن الجوار), but keeps the name', () => {
    const body =
      'ووقع البلدان معاهدة حسن الجوار والتعاون. وقال الرئيس الإيراني حسن روحاني إن بلاده ترحب بذلك.';
    const spans = predict(body);
    const phrase = body.indexOf('حسن الجوار');
    expect(spans.some((s) => s.start === phrase)).toBe(false);
    expect(spans.map((s) => body.slice(s.start, s.end))).toContain('حسن روحاني');
  });

  it('accepts tokens and gazetteer spans from the caller and keeps offsets in the body', () => {
    const body = 'التقى شي جين بينغ نظيره في موسكو';
    const tokens = tokenize(body);
    const start = body.indexOf('شي');
    const spans = model.predict(body, tokens, [{ start, end: start + 'شي جين بينغ'.length, type: 'PERSON' }]);
    for (const s of spans) expect(s.end).toBeLessThanOrEqual(body.length);
  });

  it('tags nothing in text with no names, in empty text, or in non-Arabic text', () => {
    expect(predict('')).toEqual([]);
    expect(predict('   \n\n  ')).toEqual([]);
    expect(predict('1234 5678 !!! ???')).toEqual([]);
    expect(predict('وقال إن التعاون بين البلدين سيستمر في المستقبل.')).toEqual([]);
  });

  it('tags no name in sentences whose words are also given names (أمل، سلام، عادل، كريم، سعيد، نور)', () => {
    const sentences = [
      'يحدونا أمل كبير في أن يعم السلام المنطقة.',
      'وأعرب عن أمله في تحقيق سلام عادل وشامل.',
      'قدم الطالب عملا جميلا ونال تقديرا كريما من المعلمين.',
      'كان يوما سعيدا للجميع في المدينة.',
      'وأضاف أن نور المعرفة يضيء طريق الأمم.',
      'ارتفعت أسعار النفط في الأسواق العالمية اليوم.',
      'وشهدت الجلسة نقاشا حول الأمن الغذائي والتغير المناخي.',
    ];
    for (const s of sentences)
      expect(
        predict(s).map((x) => s.slice(x.start, x.end)),
        s,
      ).toEqual([]);
  });

  it('runs in bounded time on hostile input (one 1 MB line, long runs of one letter)', () => {
    const line = 'كلمة '.repeat(200_000);
    const run = 'ب'.repeat(500_000);
    expect(Array.isArray(predict(line))).toBe(true);
    expect(Array.isArray(predict(run))).toBe(true);
  });

  it('throws a clear error for a non-string body and for tokens of another text', () => {
    expect(() => predict(42 as unknown as string)).toThrow(/article body as a string/);
    expect(() => predict('قصير', tokenize('نص آخر أطول من النص'))).toThrow(/not tokens of this body/);
  });

  // The seeds' expected mentions (fixtures/expected/*.json, hand-checked) list every name in them.
  const overlapsExpected = (seed: (typeof seeds)[number], s: { start: number; end: number }) =>
    (seed.mentions ?? []).some((m) => m.start < s.end && s.start < m.end);

  it('adds no false names to the seeds: every span it predicts overlaps a hand-checked expected mention', () => {
    expect(seeds.length).toBe(5);
    for (const seed of seeds) {
      expect(seed.mentions?.length, 'fixture has expected mentions').toBeGreaterThan(0);
      for (const s of predict(seed.body)) {
        expect(
          overlapsExpected(seed, s),
          `"${seed.body.slice(s.start, s.end)}" at ${s.start} is not a name`,
        ).toBe(true);
      }
    }
  });

  it('combined with the gazetteer, adds no false names and keeps every expected mention the gazetteer found', async () => {
    const { tagEntities } = await import('../src/index.js');
    for (const seed of seeds) {
      const g = tagEntities(seed.body);
      const combined = combineMentions(g, predict(seed.body, undefined, g), seed.body);
      for (const m of combined) {
        expect(seed.body.slice(m.start, m.end)).toBe(m.surface);
        if (m.method === 'model')
          expect(overlapsExpected(seed, m), `model mention "${m.surface}" is not a name`).toBe(true);
      }
      for (const m of g.filter((x) => x.method !== 'pattern')) expect(combined).toContainEqual(m);
    }
  });
});

describe('combineMentions', () => {
  const body = 'التقى وانغ يي مع الوزير أحمد الخطيب في القاهرة';
  const g: Mention = {
    entityId: 'person:wang-yi',
    type: 'PERSON',
    surface: 'وانغ يي',
    canonicalAr: 'وانغ يي',
    canonicalEn: 'Wang Yi',
    start: body.indexOf('وانغ'),
    end: body.indexOf('وانغ') + 7,
    method: 'gazetteer',
    confidence: 1,
  };
  it('keeps gazetteer ids, drops overlapping tagger spans, and turns the rest into model mentions', () => {
    const a = body.indexOf('أحمد');
    const spans = [
      { start: g.start, end: g.end, type: 'PERSON' as const, confidence: 0.9 },
      { start: a, end: a + 'أحمد الخطيب'.length, type: 'PERSON' as const, confidence: 0.8 },
    ];
    const out = combineMentions([g], spans, body);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(g);
    expect(out[1]).toMatchObject({
      surface: 'أحمد الخطيب',
      method: 'model',
      confidence: 0.8,
      type: 'PERSON',
    });
    expect(body.slice(out[1]!.start, out[1]!.end)).toBe(out[1]!.surface);
  });
  it('gives one id to spellings that normalize alike, so names group across articles', () => {
    expect(modelEntityId('PERSON', 'أحمد الخطيب')).toBe(modelEntityId('PERSON', 'احمد الخطيب'));
    expect(modelEntityId('PERSON', 'أحمد الخطيب')).not.toBe(modelEntityId('LOC', 'أحمد الخطيب'));
  });
  it('lets a longer tagger name of another type absorb a listed name inside it, unless it also overlaps a same-type mention', () => {
    const text = 'زار الوفد جامعة القاهرة ووصف وانغ البريكس بأنها منصة.';
    const cairo = text.indexOf('القاهرة');
    const brics = text.indexOf('البريكس');
    const wang = text.indexOf('وانغ');
    const mention = (start: number, end: number, type: Mention['type'], id: string): Mention => ({
      entityId: id,
      type,
      surface: text.slice(start, end),
      canonicalAr: text.slice(start, end),
      canonicalEn: '',
      start,
      end,
      method: 'gazetteer',
      confidence: 0.99,
    });
    const g = [
      mention(cairo, cairo + 7, 'LOC', 'loc:cairo'),
      mention(wang, wang + 4, 'PERSON', 'per:wang-yi'),
      mention(brics, brics + 7, 'ORG', 'org:brics'),
    ];
    const uni = text.indexOf('جامعة');
    const spans = [
      { start: uni, end: cairo + 7, type: 'ORG' as const, confidence: 0.8 },
      { start: wang, end: brics + 7, type: 'PERSON' as const, confidence: 0.9 },
    ];
    const out = combineMentions(g, spans, text).map((m) => [m.surface, m.entityId]);
    expect(out).toEqual([
      ['جامعة القاهرة', 'model:org:جامعه_القاهره'],
      ['وانغ', 'per:wang-yi'],
      ['البريكس', 'org:brics'],
    ]);
    expect(combineMentions(g, spans, text, { nested: 'keep' }).map((m) => m.entityId)).toEqual([
      'loc:cairo',
      'per:wang-yi',
      'org:brics',
    ]);
  });

  it("with authority 'model', keeps the tagger's spans under the ids of listed same-type names and drops listed names it left out", () => {
    const text = 'قالت وكالة فرانس برس إن ريال مدريد فاز في القاهرة';
    const at = (s: string) => text.indexOf(s);
    const mention = (
      surface: string,
      type: Mention['type'],
      id: string,
      method: Mention['method'],
    ): Mention => ({
      entityId: id,
      type,
      surface,
      canonicalAr: surface,
      canonicalEn: '',
      start: at(surface),
      end: at(surface) + surface.length,
      method,
      confidence: 0.99,
    });
    const g = [
      mention('وكالة فرانس برس', 'ORG', 'org:afp', 'alias'),
      mention('مدريد', 'LOC', 'loc:madrid', 'gazetteer'),
      mention('القاهرة', 'LOC', 'loc:cairo', 'gazetteer'),
    ];
    const spans = [
      { start: at('فرانس'), end: at('فرانس') + 'فرانس برس'.length, type: 'ORG' as const, confidence: 0.9 },
      { start: at('ريال'), end: at('ريال') + 'ريال مدريد'.length, type: 'ORG' as const, confidence: 0.8 },
    ];
    const out = combineMentions(g, spans, text, { authority: 'model' });
    expect(out.map((m) => [m.surface, m.type, m.entityId, m.method])).toEqual([
      ['فرانس برس', 'ORG', 'org:afp', 'alias'],
      ['ريال مدريد', 'ORG', 'model:org:ريال_مدريد', 'model'],
    ]);
    for (const m of out) expect(text.slice(m.start, m.end)).toBe(m.surface);
    // The default keeps listed names as the gazetteer wrote them (a longer name of another type still absorbs one).
    expect(combineMentions(g, spans, text).map((m) => m.surface)).toEqual([
      'وكالة فرانس برس',
      'ريال مدريد',
      'القاهرة',
    ]);
  });

  it('cuts the titles off a listed person where the tagger found the name without them, keeping the entity', () => {
    const text = 'استقبل الشيخ محمد بن راشد الوفد';
    const start = text.indexOf('الشيخ');
    const end = text.indexOf(' الوفد');
    const listed: Mention = {
      entityId: 'per:mohammed-bin-rashid',
      type: 'PERSON',
      surface: text.slice(start, end),
      canonicalAr: 'محمد بن راشد آل مكتوم',
      canonicalEn: 'Mohammed bin Rashid Al Maktoum',
      start,
      end,
      method: 'alias',
      confidence: 0.9,
    };
    const name = text.indexOf('محمد');
    const out = combineMentions([listed], [{ start: name, end, type: 'PERSON', confidence: 0.9 }], text);
    expect(out).toEqual([{ ...listed, surface: 'محمد بن راشد', start: name }]);
    // Not a title before the tagger's span: the listed mention stays as it is.
    const other = { start: text.indexOf('بن'), end, type: 'PERSON' as const, confidence: 0.9 };
    expect(combineMentions([listed], [other], text)).toEqual([listed]);
  });

  it('ignores spans outside the body', () => {
    expect(combineMentions([], [{ start: 5, end: 999, type: 'LOC', confidence: 1 }], body)).toEqual([]);
  });
});

describe('decoder internals', () => {
  it('non-local features say how the first stage tagged the same stem elsewhere, not counting the token itself', async () => {
    const { nonLocalFeatures, tagCounts } = await import('../src/model/nonlocal.js');
    const { wordOf } = await import('../src/model/features.js');
    const words = (text: string) => tokenize(text).map((t) => wordOf(t.text, t.kind));
    const a = words('قال بوش اليوم');
    const b = words('وصل بوش أمس');
    const O = new Uint8Array(3);
    const named = Uint8Array.from([0, 1, 0]); // B-PERS on بوش
    const feats = (otherTags: Uint8Array, ownTags: Uint8Array) => {
      const counts = tagCounts([
        { words: a, tags: otherTags },
        { words: b, tags: ownTags },
      ]);
      const f = nonLocalFeatures(b, ownTags, counts);
      return Array.from(f.feats.subarray(f.offsets[1]!, f.offsets[2]!));
    };
    // Tagged a name in the other sentence: the features change.
    expect(feats(named, O)).not.toEqual(feats(O, O));
    // Its own tag is left out: alone in the document, the features do not depend on it.
    const alone = (own: Uint8Array) => {
      const f = nonLocalFeatures(b, own, tagCounts([{ words: b, tags: own }]));
      return Array.from(f.feats.subarray(f.offsets[1]!, f.offsets[2]!));
    };
    expect(alone(named)).toEqual(alone(O));
  });

  it('FeatureTable finds every stored hash and reports unknown ones as -1', async () => {
    const { FeatureTable, hashString, mix } = await import('../src/model/hash.js');
    const hashes = Array.from({ length: 5000 }, (_, i) => mix(hashString(`f${i}`), i));
    const table = new FeatureTable(hashes);
    hashes.forEach((h, row) => {
      expect(table.get(h)).toBe(row);
    });
    expect(table.get(mix(hashString('never stored'), 1))).toBe(-1);
  });

  it('Viterbi never puts I-X after O or after another class, and marginals sum to one per token', async () => {
    const { viterbi, marginals, N_TAGS, TAGS, mulberry32 } = await import('../src/model/perceptron.js');
    const rand = mulberry32(42);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 12);
      const e = Float64Array.from({ length: n * N_TAGS }, () => (rand() - 0.5) * 10);
      const tr = Float64Array.from({ length: (N_TAGS + 1) * N_TAGS }, () => (rand() - 0.5) * 4);
      const tags = Array.from(viterbi(e, n, tr), (t) => TAGS[t]!);
      tags.forEach((t, i) => {
        if (!t.startsWith('I-')) return;
        const prev = tags[i - 1];
        expect(prev && prev !== 'O' && prev.slice(2) === t.slice(2), tags.join(' ')).toBe(true);
      });
      const m = marginals(e, n, tr, 3);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let t = 0; t < N_TAGS; t++) sum += m[i * N_TAGS + t]!;
        expect(sum).toBeCloseTo(1, 9);
      }
    }
  });

  it('gazetteer tags mark pattern mentions apart from listed names', () => {
    const body = 'التقى الرئيس بوتين مع السفير كيم';
    const tokens = tokenize(body);
    const b = body.indexOf('بوتين');
    const k = body.indexOf('كيم');
    const tags = gazetteerTags(tokens, [
      { start: b, end: b + 5, type: 'PERSON', method: 'gazetteer' },
      { start: k, end: k + 3, type: 'PERSON', method: 'pattern' },
    ]);
    expect(tags).toEqual(['', '', 'B-PERS', '', '', 'B-PERS~']);
  });

  it('tagCorpus runs a tagger over running text and maps its spans back to corpus tokens', () => {
    const corpus = parseConll(CORPUS);
    const seen: Array<[string[], string[]]> = [];
    // A tagger that marks every occurrence of القاهرة as LOC, wherever the sentence sits in the text.
    tagCorpus(
      corpus,
      (text) => {
        const out: Array<{ start: number; end: number; type: string }> = [];
        for (let i = text.indexOf('القاهرة'); i >= 0; i = text.indexOf('القاهرة', i + 1))
          out.push({ start: i, end: i + 7, type: 'LOC' });
        return out;
      },
      (gold, pred) => seen.push([gold, pred]),
      2,
    );
    expect(seen).toHaveLength(4);
    expect(seen[1]![1]).toEqual(['O', 'O', 'O', 'O', 'O', 'B-LOC', 'O', 'O', 'O']);
    expect(seen[0]![1].every((t) => t === 'O')).toBe(true);
  });

  it('calibrateTemperature picks a temperature from its grid, the same one every time', () => {
    const corpus = parseConll(CORPUS);
    const m = trainModel(corpus, { epochs: 5 });
    const a = calibrateTemperature(m, corpus, [1, 4, 16]).temperature;
    expect([1, 4, 16]).toContain(a);
    expect(calibrateTemperature(m, corpus, [1, 4, 16]).temperature).toBe(a);
  });
});
