// Lists one-word gazetteer names that a tagged corpus mostly uses as ordinary words: candidates for
// short_forms or stop-phrases.txt (مالي، ينبع، الميادين). Reads the ANERcorp train split from
// ../shared/benchmarks (evaluation data: its text is not copied anywhere). Run: pnpm --filter @akhbar/entities false-friends
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeKey } from '@akhbar/text';
import { builtInGazetteer, parseConll, phraseKey } from '../src/index.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const path = resolve(pkg, '../../../shared/benchmarks/anercorp/ANERCorp_CamelLab_train.txt');
if (!existsSync(path)) {
  console.log(
    `false-friends skipped: ANERcorp train split missing at ${path} (../shared/benchmarks beside the repo)`,
  );
  process.exit(0);
}
// How often each normalized word is outside a name (O or MISC) and inside one.
const outside = new Map<string, number>();
const inside = new Map<string, number>();
for (const s of parseConll(readFileSync(path, 'utf8'))) {
  s.tokens.forEach((t, i) => {
    const tag = s.tags[i]!;
    const m = tag === 'O' || tag.endsWith('MISC') ? outside : inside;
    const k = normalizeKey(t);
    m.set(k, (m.get(k) ?? 0) + 1);
  });
}
let n = 0;
for (const e of builtInGazetteer()) {
  const short = new Set(e.shortForms.map(phraseKey));
  for (const name of [e.canonicalAr, ...e.aliases]) {
    const k = phraseKey(name);
    if (k.includes(' ') || short.has(k)) continue;
    // The word as written, and after a proclitic article the way the tagger also matches it.
    for (const form of k.startsWith('ال') ? [k, k.slice(2)] : [k]) {
      const o = outside.get(form) ?? 0;
      const i = inside.get(form) ?? 0;
      if (o >= 2 && o > i) {
        console.log(`${e.id}\t${name}\toutside names ${o}\tinside ${i}`);
        n++;
      }
    }
  }
}
console.log(
  `${n} names to review (an annotation miss is also possible: read the corpus lines before changing one)`,
);
