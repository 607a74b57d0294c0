import { describe, expect, it } from 'vitest';
import { withoutScripts } from '../src/html.js';
import { stripHtml, stripText } from '../src/index.js';

describe('the README example', () => {
  it('gives the body, headline and metadata line the README shows', () => {
    const capture =
      'الصفحة الرئيسية >> التبادلات الدولية\n\nوزير الخارجية الصيني: الصين مستعدة للتعاون\n\n' +
      '/مصدر: شينخوا/ 2025:07:11.09:45\n\nقال وزير الخارجية الصيني وانغ يي اليوم إن الصين مستعدة للعمل مع روسيا.\n\nصور ساخنة';
    const r = stripText(capture);
    expect(r.body).toBe('قال وزير الخارجية الصيني وانغ يي اليوم إن الصين مستعدة للعمل مع روسيا.');
    expect(r.titleCandidates).toEqual([
      { text: 'وزير الخارجية الصيني: الصين مستعدة للتعاون', source: 'text-headline' },
    ]);
    expect(r.page.metaLines).toEqual([{ rule: 'source-timestamp', text: '/مصدر: شينخوا/ 2025:07:11.09:45' }]);
    expect(r.removed.map((x) => x.rule)).toEqual([
      'breadcrumb',
      'headline',
      'source-timestamp',
      'related-heading',
    ]);
  });
});

describe('the README HTML example', () => {
  it('gives the body, date, title candidates and removals the README shows', () => {
    const html = `<html lang="ar"><head><title>قمة في بكين</title>
  <meta property="article:published_time" content="2025-07-10T09:45:00+08:00"></head>
  <body><nav><a href="/">الرئيسية</a> <a href="/world">دولي</a></nav>
  <article><h1>قمة في بكين</h1><p>عقد الرئيسان اليوم قمة في بكين، وبحثا التعاون بين البلدين في مجالات عدة.</p>
  <div class="share">مشاركة : فيسبوك تويتر</div></article></body></html>`;
    const page = stripHtml(new TextEncoder().encode(html), { url: 'https://example.com/a' });
    expect(page.body).toBe('عقد الرئيسان اليوم قمة في بكين، وبحثا التعاون بين البلدين في مجالات عدة.');
    expect(page.page.publishedTime).toBe('2025-07-10T09:45:00+08:00');
    expect(page.titleCandidates).toEqual([
      { text: 'قمة في بكين', source: 'h1' },
      { text: 'قمة في بكين', source: 'html-title' },
    ]);
    expect(page.removed.map((r) => r.rule)).toEqual(['html-nav', 'html-h1', 'html-share']);
  });
});

describe('withoutScripts', () => {
  it('empties scripts and styles but keeps JSON-LD', () => {
    expect(
      withoutScripts(
        '<script>a<b</script><p>x</p><STYLE>p{}</STYLE><script type="application/ld+json">{}</script>',
      ),
    ).toBe('<script></script><p>x</p><STYLE></STYLE><script type="application/ld+json">{}</script>');
  });
  it('is linear on many unclosed script tags', () => {
    const s = '<script>'.repeat(200_000);
    expect(withoutScripts(s)).toBe(s);
  });
});
