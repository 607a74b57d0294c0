// Noto Sans Arabic (SIL OFL 1.1, from @fontsource) inlined as data: URLs, so Arabic is shaped the same on
// every machine and the page loads nothing at view time. Only the Arabic and Latin subsets at two weights
// are embedded (about 160 KB as base64).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const PKG = '@fontsource/noto-sans-arabic';
export const FONT_FAMILY = 'Noto Sans Arabic';

let cached: string | undefined;

export function fontFaceCss(): string {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const ranges = JSON.parse(readFileSync(require.resolve(`${PKG}/unicode.json`), 'utf8')) as Record<
    string,
    string
  >;
  const rules: string[] = [];
  for (const subset of ['arabic', 'latin']) {
    for (const weight of [400, 700]) {
      const file = require.resolve(`${PKG}/files/noto-sans-arabic-${subset}-${weight}-normal.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${ranges[subset]}}`,
      );
    }
  }
  cached = rules.join('\n');
  return cached;
}
