import { describe, expect, it } from 'vitest';
import { decodeHtml, stripHtml } from '../src/index.js';

const P =
  'أعلنت وزارة الصحة اليوم عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية، في إطار خطة لتوسيع الخدمات الطبية.';

describe('charset decoding', () => {
  const cp1256 = (s: string): Uint8Array => {
    const dec = new TextDecoder('windows-1256');
    const map = new Map<string, number>();
    for (let b = 0; b < 256; b++) map.set(dec.decode(new Uint8Array([b])), b);
    return new Uint8Array([...s].map((c) => map.get(c) ?? 63));
  };
  it('prefers the caller Content-Type to the page meta, as browsers do', () => {
    const bytes = cp1256(`<meta charset="iso-8859-6"><p>${P}</p>`);
    expect(decodeHtml(bytes, 'text/html; charset=windows-1256')).toMatchObject({
      encoding: 'windows-1256',
      from: 'content-type',
    });
  });
  it('ignores a UTF-8 declaration the bytes contradict, and says so', () => {
    const d = decodeHtml(cp1256(`<meta charset="utf-8"><p>${P}</p>`));
    expect(d.encoding).toBe('windows-1256');
    expect(d.text).toContain(P);
    expect(d.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });
  it('reads a META http-equiv declaration in any case, within the first 4 KB only', () => {
    const page = (pad: number) =>
      cp1256(
        `<!doctype html><html><head>${' '.repeat(pad)}<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset=Windows-1256"></head><p>${P}</p>`,
      );
    expect(decodeHtml(page(0))).toMatchObject({ encoding: 'windows-1256', from: 'meta' });
    // Past the prescan window the declaration is not seen; the bytes are not UTF-8, so the fallback applies.
    expect(decodeHtml(page(5000))).toMatchObject({ encoding: 'windows-1256', from: 'fallback' });
  });
  it("uses the caller's strict UTF-8 decoder for UTF-8, and its refusal as invalid bytes", () => {
    const bytes = new TextEncoder().encode(`<meta charset="utf-8"><p>${P}</p>`);
    const seen: number[] = [];
    const d = decodeHtml(bytes, undefined, {
      strictUtf8: (b) => {
        seen.push(b.length);
        return `decoded ${b.length} bytes`;
      },
    });
    expect(d).toMatchObject({ text: `decoded ${bytes.length} bytes`, encoding: 'utf-8', from: 'meta' });
    expect(seen).toEqual([bytes.length]);
    // A decoder that says "not UTF-8" sends the page to the next declaration or the fallback.
    const refused = decodeHtml(cp1256(`<p>${P}</p>`), undefined, { strictUtf8: () => undefined });
    expect(refused).toMatchObject({ encoding: 'windows-1256', from: 'fallback' });
    expect(refused.text).toContain(P);
  });
  it('warns about an unknown charset label and falls back', () => {
    const d = decodeHtml(new TextEncoder().encode(`<meta charset="x-klingon"><p>${P}</p>`));
    expect(d.encoding).toBe('utf-8');
    expect(d.warnings[0]).toMatch(/unknown charset "x-klingon"/);
  });
});

describe('bad and hostile input', () => {
  it('throws a clear error on binary input', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) % 256);
    expect(() => stripHtml(bytes)).toThrow(/looks binary/);
  });
  it('throws a clear error on a wrong argument type', () => {
    expect(() => stripHtml(42 as unknown as string)).toThrow(/string or as bytes/);
  });
  it('handles a 5 MB single-line page in bounded time', () => {
    const html = `<html><body><div><p>${'كلمة '.repeat(1_000_000)}</p></div></body></html>`;
    const r = stripHtml(html);
    expect(r.body.length).toBeGreaterThan(4_000_000);
  });
  it('handles 50,000 levels of nesting without overflowing the stack', () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}<p>${P}</p>${'</div>'.repeat(50_000)}</body></html>`;
    const r = stripHtml(html);
    expect(r.body).toContain(P);
    expect(r.warnings.join(' ')).toMatch(/nested deeper/);
  });
  it('handles long runs of one character and of one tag', () => {
    expect(stripHtml(`<p>${'<'.repeat(200_000)}</p>`).source.length).toBeGreaterThan(0);
    expect(stripHtml(`${'<br>'.repeat(100_000)}<p>${P}</p>`).body).toBe(P);
  });
  it('returns an empty body with a warning for a page without text', () => {
    const r = stripHtml('<html><head><title>x</title></head><body><script>var a=1</script></body></html>');
    expect(r.body).toBe('');
    expect(r.warnings).toContain('no article text found in the page');
  });
});

describe('structure', () => {
  it('records removed containers with their rule and span in the source text', () => {
    const r = stripHtml(
      `<body><div class="breadcrumbs"><a href="/">الرئيسية</a> » <a href="/x">محليات</a></div><article><p>${P}</p></article><div class="social-share"><a href="#">فيسبوك</a></div></body>`,
    );
    expect(r.body).toBe(P);
    expect(r.removed.map((x) => [x.rule, x.kind])).toEqual([
      ['html-breadcrumb', 'breadcrumb'],
      ['html-share', 'share'],
    ]);
    for (const x of r.removed) expect(r.source.slice(x.start, x.end)).toBe(x.text);
  });
  it('takes a one-paragraph article over a comma-rich footer', () => {
    const footer =
      '<div class="site-info"><p>شارع الجامعة، عمارة 12، الطابق الثالث، عمان، الأردن، هاتف 123، فاكس 456</p><p>البريد، الموقع، الإعلانات، الاشتراكات، الوظائف</p></div>';
    const long = `${P} ${P} ${P}`;
    const r = stripHtml(`<body><div class="wrap"><div><div><p>${long}</p></div></div></div>${footer}</body>`);
    expect(r.body).toBe(long);
  });
  it('never drops the article for a furniture word on a class that also names the article', () => {
    const r = stripHtml(`<body><div class="post hentry tag-china"><p>${P}</p><p>${P}</p></div></body>`);
    expect(r.body).toBe(`${P}\n\n${P}`);
  });
});
