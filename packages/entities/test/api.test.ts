import { describe, expect, it } from 'vitest';
import {
  builtInGazetteer,
  createTagger,
  type EntityModel,
  gazetteerLookup,
  parseGazetteer,
  rankCandidates,
  tagEntities,
} from '../src/index.js';

const CSV = `# a researcher's file
id,type,canonical_ar,canonical_en,aliases,short_forms,context
per:ahmed-test,PERSON,أحمد التجريبي,Ahmed Test,أحمد التجريبى|أ. التجريبي,التجريبي,
org:test-lab,ORG,مختبر الأخبار,News Lab,"مختبر الاخبار|معمل الأخبار",,
`;

describe('parseGazetteer', () => {
  it('reads CSV with comments, quoted fields and | lists', () => {
    const e = parseGazetteer(CSV, 'csv');
    expect(e).toHaveLength(2);
    expect(e[0]).toEqual({
      id: 'per:ahmed-test',
      type: 'PERSON',
      canonicalAr: 'أحمد التجريبي',
      canonicalEn: 'Ahmed Test',
      aliases: ['أحمد التجريبى', 'أ. التجريبي'],
      shortForms: ['التجريبي'],
      context: [],
    });
    expect(e[1]!.aliases).toEqual(['مختبر الاخبار', 'معمل الأخبار']);
  });
  it('reads JSON with snake_case or camelCase keys and array or | lists', () => {
    const e = parseGazetteer(
      JSON.stringify([
        {
          id: 'loc:x',
          type: 'loc',
          canonical_ar: 'قرية الاختبار',
          canonical_en: 'Test Village',
          aliases: ['الاختبار الكبرى'],
        },
        { id: 'org:y', type: 'ORG', canonicalAr: 'نادي الاختبار', canonicalEn: 'Test Club', aliases: 'أ|ب' },
      ]),
      'json',
    );
    expect(e.map((x) => [x.id, x.type, x.aliases])).toEqual([
      ['loc:x', 'LOC', ['الاختبار الكبرى']],
      ['org:y', 'ORG', ['أ', 'ب']],
    ]);
  });
  it('reads CRLF files and files with only the required columns', () => {
    const e = parseGazetteer(
      'id,type,canonical_ar,canonical_en\r\nloc:x,LOC,قرية الاختبار,Test Village\r\n',
      'csv',
    );
    expect(e).toEqual([
      {
        id: 'loc:x',
        type: 'LOC',
        canonicalAr: 'قرية الاختبار',
        canonicalEn: 'Test Village',
        aliases: [],
        shortForms: [],
        context: [],
      },
    ]);
  });
  it('strips a byte-order mark', () => {
    expect(parseGazetteer(`\ufeff${CSV}`, 'csv')).toHaveLength(2);
  });
  it('throws errors that say what to fix', () => {
    expect(() => parseGazetteer('id,type\nx,PERSON\n', 'csv')).toThrow(/no "canonical_ar" column/);
    expect(() => parseGazetteer('id,type,canonical_ar,canonical_en\nx,PEOPLE,زيد,Zaid\n', 'csv')).toThrow(
      /row 2 \(x\): "type" is "PEOPLE"; use PERSON, ORG or LOC/,
    );
    expect(() => parseGazetteer('id,type,canonical_ar,canonical_en\nx,PERSON,Zaid,Zaid\n', 'csv')).toThrow(
      /Arabic name/,
    );
    expect(() => parseGazetteer('id,type,canonical_ar,canonical_en\n,PERSON,زيد,Zaid\n', 'csv')).toThrow(
      /stable id/,
    );
    expect(() => parseGazetteer('{"id":1}', 'json')).toThrow(/array/);
    expect(() => parseGazetteer('[{', 'json')).toThrow(/does not parse/);
    expect(() => parseGazetteer('x', 'xml' as 'csv')).toThrow(/use "csv" or "json"/);
  });
});

describe('createTagger', () => {
  it('adds a researcher gazetteer to the built-in one', () => {
    const t = createTagger({ extra: parseGazetteer(CSV, 'csv') });
    const m = t.tag('قال أحمد التجريبى إن مختبر الاخبار يعمل مع الصين.');
    expect(m.map((x) => [x.entityId, x.surface, x.method])).toEqual([
      ['per:ahmed-test', 'أحمد التجريبى', 'gazetteer'],
      ['org:test-lab', 'مختبر الاخبار', 'gazetteer'],
      ['loc:china', 'الصين', 'gazetteer'],
    ]);
  });
  it('merges an extra entry into a built-in entity with the same id', () => {
    const t = createTagger({
      extra: [
        {
          id: 'loc:china',
          type: 'LOC',
          canonicalAr: 'الصين',
          canonicalEn: 'China',
          aliases: ['بلاد التنين'],
          shortForms: [],
          context: [],
        },
      ],
    });
    expect(t.tag('زار بلاد التنين')[0]).toMatchObject({
      entityId: 'loc:china',
      surface: 'بلاد التنين',
      canonicalEn: 'China',
    });
    expect(() =>
      createTagger({
        extra: [
          {
            id: 'loc:china',
            type: 'ORG',
            canonicalAr: 'الصين',
            canonicalEn: 'x',
            aliases: [],
            shortForms: [],
            context: [],
          },
        ],
      }),
    ).toThrow(/give one of them a new id/);
  });
  it('can run without the built-in gazetteer', () => {
    const t = createTagger({ builtIn: false, extra: parseGazetteer(CSV, 'csv') });
    expect(t.entries).toHaveLength(2);
    expect(t.tag('الصين ومختبر الأخبار').map((m) => m.entityId)).toEqual(['org:test-lab']);
  });
  it('looks phrases up by their normalized key', () => {
    expect(gazetteerLookup('الامم المتحدة')).toMatchObject({ id: 'org:un', type: 'ORG' });
    expect(gazetteerLookup('سيرجى لافروف')?.id).toBe('per:sergey-lavrov');
    expect(gazetteerLookup('الصيني')).toBeUndefined();
    // Short forms are not gazetteer names on their own.
    expect(gazetteerLookup('وانغ')).toBeUndefined();
    expect(
      createTagger()
        .lookup('عمان')
        .map((h) => h.id),
    ).toEqual(['loc:oman', 'loc:amman']);
  });
});

describe('the learned-tagger hook', () => {
  const model: EntityModel = {
    predict: (body, tokens, known) => {
      expect(tokens.every((t) => body.slice(t.start, t.end) === t.text)).toBe(true);
      expect(known.some((m) => m.entityId === 'loc:china')).toBe(true);
      const at = (s: string) => body.indexOf(s);
      return [
        { start: at('الصين'), end: at('الصين') + 5, type: 'LOC', confidence: 0.8 }, // overlaps the gazetteer: dropped
        { start: at('كريم زيدان'), end: at('كريم زيدان') + 10, type: 'PERSON', confidence: 0.7 },
      ];
    },
  };
  it('adds model spans that no other mention covers, with derived ids', () => {
    const m = createTagger({ model }).tag('التقى كريم زيدان وفدا من الصين.');
    expect(m.map((x) => [x.entityId, x.surface, x.method, x.confidence])).toEqual([
      ['model:per:كريم_زيدان', 'كريم زيدان', 'model', 0.7],
      ['loc:china', 'الصين', 'gazetteer', 0.99],
    ]);
  });
  it('rejects spans outside the body', () => {
    const bad: EntityModel = { predict: () => [{ start: 5, end: 500, type: 'ORG', confidence: 1 }] };
    expect(() => createTagger({ model: bad }).tag('نص قصير')).toThrow(/outside the body/);
    const badType: EntityModel = {
      predict: () => [{ start: 0, end: 2, type: 'MISC' as 'ORG', confidence: 1 }],
    };
    expect(() => createTagger({ model: badType }).tag('نص قصير')).toThrow(/not PERSON, ORG or LOC/);
  });
});

describe('rankCandidates', () => {
  it('groups discovered names by normalized surface and counts them, most frequent first', () => {
    const docs = [
      'قال الرئيس الغاني جون ماهاما إن بلاده مستعدة.',
      'أعلن الرئيس الغاني جون ماهامّا أمس عن خطة.',
      'ذكرت وكالة أنباء بيرناما أن الخطة نجحت.',
    ];
    const ranked = rankCandidates(docs.flatMap((d) => tagEntities(d)));
    expect(ranked.map((c) => [c.type, c.key, c.count])).toEqual([
      ['PERSON', 'جون ماهاما', 2],
      ['ORG', 'وكاله انباء بيرناما', 1],
    ]);
    expect(ranked[0]!.surfaces).toEqual(['جون ماهاما', 'جون ماهامّا']);
    expect(ranked[0]!.roles).toEqual(['الرئيس الغاني']);
  });
  it('accepts rows of the mentions table and a minimum count', () => {
    const rows = [
      { surface: 'أ ب', type: 'PERSON', method: 'model' },
      { surface: 'أ ب', type: 'PERSON', method: 'model' },
      { surface: 'ج', type: 'LOC', method: 'gazetteer' },
    ];
    expect(rankCandidates(rows, { minCount: 2 }).map((c) => c.key)).toEqual(['ا ب']);
  });
});

describe('tagEntities', () => {
  it('is deterministic and keeps every span on its surface', () => {
    const body =
      'قال وزير الخارجية الصيني وانغ يي إن الصين وروسيا ستعززان التعاون في إطار بريكس. وقال وانغ إن بكين مستعدة.';
    const a = tagEntities(body);
    expect(JSON.stringify(tagEntities(body))).toBe(JSON.stringify(a));
    for (const m of a) expect(body.slice(m.start, m.end)).toBe(m.surface);
    expect(a.map((m) => m.start)).toEqual([...a.map((m) => m.start)].sort((x, y) => x - y));
  });
  it('handles empty, non-Arabic and odd input without crashing', () => {
    expect(tagEntities('')).toEqual([]);
    expect(tagEntities('The quick brown fox, 123.')).toEqual([]);
    expect(tagEntities('\u0000\ufffd\ud800 الصين \u200f')).toEqual([
      expect.objectContaining({ entityId: 'loc:china', surface: 'الصين' }),
    ]);
    expect(() => tagEntities(42 as unknown as string)).toThrow(/expects the article body as a string/);
  });
  it('runs on hostile input: a 5 MB line, a long run of one letter, a long run of one name', () => {
    const line = 'ب'.repeat(5_000_000);
    expect(tagEntities(line)).toEqual([]);
    const names = 'روسيا '.repeat(200_000);
    expect(tagEntities(names)).toHaveLength(200_000);
    const prefixes = 'منظمة '.repeat(100_000);
    expect(tagEntities(prefixes).length).toBeLessThan(100_000);
    // Many discovered names, each repeated by family name: discovery and its repeats stay linear.
    const discovered = 'قال الرئيس الغاني جون ماهاما إن ماهاما مستعد. '.repeat(20_000);
    const m = tagEntities(discovered);
    expect(m.filter((x) => x.method === 'pattern')).toHaveLength(20_000);
    expect(m.filter((x) => x.method === 'coref')).toHaveLength(20_000);
  });
  it('has a gazetteer of at least 1,500 entities, most with aliases', () => {
    const g = builtInGazetteer();
    expect(g.length).toBeGreaterThanOrEqual(1500);
    expect(g.filter((e) => e.aliases.length + e.shortForms.length > 0).length).toBeGreaterThan(700);
    for (const t of ['PERSON', 'ORG', 'LOC'])
      expect(g.filter((e) => e.type === t).length).toBeGreaterThan(250);
  });
});
