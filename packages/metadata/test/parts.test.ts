import { describe, expect, it } from 'vitest';
import {
  agencyName,
  chooseTitle,
  extractMetadata,
  findCredits,
  findDateline,
  findWeekdays,
  headlineProblem,
  placeEnglish,
  stripSiteName,
  urlDate,
} from '../src/index.js';

describe('findWeekdays', () => {
  it('reads today, yesterday and the day before, with spans into the text', () => {
    const text = 'وأعلن أمس (الثلاثاء) ثم قال اليوم (الأربعاء) وكان قد صرح أمس الأول (الاثنين)';
    const got = findWeekdays(text);
    expect(got.map((w) => [w.named, w.relation, w.today])).toEqual([
      ['Tuesday', -1, 'Wednesday'],
      ['Wednesday', 0, 'Wednesday'],
      ['Monday', -2, 'Wednesday'],
    ]);
    for (const w of got) expect(text.slice(w.start, w.end)).toBe(w.surface);
  });

  it('ignores a bare weekday and words that only contain the cue', () => {
    expect(findWeekdays('يوم الخميس المقبل في اليوم الأول')).toEqual([]);
    expect(findWeekdays('الاليوم (الخميس)')).toEqual([]);
  });

  it('keeps a conjunction outside the span', () => {
    const [w] = findWeekdays('واليوم الخميس يبدأ');
    expect(w?.surface).toBe('اليوم الخميس');
  });
});

describe('findDateline', () => {
  it('never takes a place alone for a dateline', () => {
    expect(findDateline('بكين قال المتحدث')).toBeNull();
    expect(findDateline('')).toBeNull();
    expect(findDateline('The minister (who spoke) - text')).toBeNull();
    expect(findDateline('WASHINGTON (Reuters) - text')?.agency).toBe('Reuters');
  });

  it('gives the place in English when known, and null when not', () => {
    expect(findDateline('ناننينغ 23 مارس 2021 (شينخوا) قال')?.placeEn).toBe('Nanning');
    const d = findDateline('قرية النخيل 3 مارس 2021 (وام) -');
    expect(d?.place).toBe('قرية النخيل');
    expect(d?.placeEn).toBeNull();
  });
});

describe('lexicons', () => {
  it('maps agency spellings to one canonical name', () => {
    for (const s of ['أ ف ب', 'ا ف ب', 'أ.ف.ب', 'فرانس برس']) expect(agencyName(s), s).toBe('AFP');
    for (const s of ['شينخوا', 'سينخوا']) expect(agencyName(s)).toBe('Xinhua');
    expect(agencyName('أ ش أ')).toBe('MENA');
    expect(agencyName('صحيفة محلية')).toBeNull();
  });

  it('maps place spellings', () => {
    expect(placeEnglish('ابوظبي')).toBe('Abu Dhabi');
    expect(placeEnglish('أبو ظبي')).toBe('Abu Dhabi');
    expect(placeEnglish('الدوحه')).toBe('Doha');
  });
});

describe('findCredits', () => {
  it('reads source, via, author and photo credits with spans', () => {
    const line = '/مصدر: شينخوا/   2025:07:11.09:45';
    const [c] = findCredits(line);
    expect(c).toMatchObject({ name: 'Xinhua', surface: 'شينخوا', kind: 'source' });
    expect(line.slice(c!.start, c!.end)).toBe('شينخوا');
    expect(findCredits('كتب - أحمد علي')[0]).toMatchObject({ kind: 'author', name: 'أحمد علي' });
    expect(findCredits('تصوير: علي حسن')[0]?.kind).toBe('photo');
    expect(findCredits('مصدر الخبر: وام')[0]).toMatchObject({ name: 'WAM', kind: 'source' });
  });

  it('does not read running text as a credit', () => {
    expect(findCredits('أعرب عن استعداده للعمل')).toEqual([]);
  });
});

describe('titles', () => {
  it('accepts short one-line headlines and rejects sentences', () => {
    expect(headlineProblem('وزيرا خارجية الصين وروسيا يجريان محادثات')).toBeNull();
    expect(headlineProblem('قال الوزير إن الخطة ستنفذ.')).toMatch(/full stop/);
    expect(headlineProblem('هل تنجح المحادثات؟')).toBeNull();
    expect(headlineProblem('كلمة '.repeat(60))).toMatch(/longer|words/);
  });

  it('strips a site name from an HTML title', () => {
    expect(stripSiteName('عنوان الخبر هنا - الأهرام')).toBe('عنوان الخبر هنا');
    expect(stripSiteName('الأهرام | عنوان الخبر الطويل هنا', 'الأهرام')).toBe('عنوان الخبر الطويل هنا');
    expect(stripSiteName('وزير الخارجية: الصين مستعدة')).toBe('وزير الخارجية: الصين مستعدة');
  });

  it('never builds a title from the body', () => {
    expect(chooseTitle([], 'قال الوزير إن الخطة ستنفذ.').title).toBeNull();
    const body = 'التقى الوزير نظيره\n\nثم قال';
    expect(
      chooseTitle([{ text: 'التقى الوزير نظيره', source: 'text-headline' }], `${body} الكثير`).title,
    ).toBeNull();
  });
});

describe('urlDate', () => {
  it('reads the common URL date layouts', () => {
    expect(urlDate('https://x.example.com/2024/01/03/a.html')?.date).toBe('2024-01-03');
    expect(urlDate('https://x.example.com/news/2024-01-03-visit')?.date).toBe('2024-01-03');
    expect(urlDate('https://x.example.com/a/20240103/b')?.date).toBe('2024-01-03');
    expect(urlDate('https://x.example.com/a/2024/13/40/b')).toBeNull();
    expect(urlDate('https://x.example.com/article/123456789')).toBeNull();
  });
});

describe('extractMetadata on bad input', () => {
  it('throws a TypeError that says what to pass', () => {
    expect(() => extractMetadata(null as never)).toThrow(/expected an object/);
    expect(() => extractMetadata({ body: Buffer.from('x') } as never)).toThrow(/decode the bytes/);
  });

  it('returns empty metadata for empty, binary and non-Arabic text', () => {
    for (const body of [
      '',
      '\u0000\u0001\u0002\uFFFD'.repeat(1000),
      'The minister met his counterpart on Monday.',
    ]) {
      const m = extractMetadata({ body });
      expect([m.title, m.published, m.dateline, m.weekday, m.agency]).toEqual([null, null, null, null, null]);
    }
  });

  it('reports a fetch time that is not a date, and ignores it', () => {
    const m = extractMetadata({ body: 'قال هنا اليوم (الأربعاء)', fetchedAt: 'yesterday' });
    expect(m.warnings[0]).toMatch(/^bad-input/);
    expect(m.published).toBeNull();
  });

  it('runs in bounded time on hostile bodies and page fields', () => {
    const huge = 'ا'.repeat(5_000_000);
    const lines = [
      { rule: 'x', text: '1/'.repeat(500_000) },
      { rule: 'y', text: 'منذ '.repeat(200_000) },
    ];
    extractMetadata({ body: huge, page: { metaLines: lines, htmlTitle: 'ب'.repeat(1_000_000) } });
    extractMetadata({ body: '(شينخوا) '.repeat(500_000) });
    extractMetadata({ body: 'اليوم '.repeat(500_000) });
    // No timing assertion: the windows read are bounded, so this returns; catastrophic backtracking would hit the test timeout.
  });
});

describe('هنا ("here") in the lead', () => {
  it('is the dateline place when there is a dateline', () => {
    const body = 'كوالالمبور 10 يوليو 2025 (شينخوا) قال الوزير هنا في كوالالمبور اليوم (الخميس) إن ...';
    const m = extractMetadata({ body });
    expect(m.provenance['here']).toMatchObject({ source: 'dateline', text: 'هنا' });
    expect(body.slice(m.provenance['here']!.start, m.provenance['here']!.end)).toBe('هنا');
    expect(m.warnings).toEqual([]);
  });

  it('names the place itself in هنا في X, and otherwise says the dateline is missing', () => {
    const named = extractMetadata({ body: 'قال الوزير هنا في الدوحة اليوم (الأحد) إن ...' });
    expect(named.provenance['here']?.note).toMatch(/الدوحة/);
    expect(named.dateline).toBeNull();
    const lost = extractMetadata({ body: 'قال الوزير هنا اليوم (الأحد) إن ...' });
    expect(lost.warnings.map((w) => w.split(':')[0])).toEqual(['dateline-missing']);
  });
});

describe('site names in titles', () => {
  it('drops a site name that another title source leaves out', () => {
    const t = chooseTitle(
      [
        { text: 'أميركا: 50 ألفا حصيلة الوفيات', source: 'h1' },
        { text: 'المدينة نيوز - أميركا: 50 ألفا حصيلة الوفيات', source: 'og:title' },
        { text: 'أميركا: 50 ألفا حصيلة الوفيات - المدينة نيوز', source: 'html-title' },
      ],
      'نص الخبر',
    );
    expect([t.title, t.source]).toEqual(['أميركا: 50 ألفا حصيلة الوفيات', 'og:title']);
  });
});
