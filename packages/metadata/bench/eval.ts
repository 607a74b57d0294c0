// Evaluation on real Arabic news pages: publication dates and titles against the gold that other
// open-source projects wrote for them (../shared/benchmarks/arabic-news-html, evaluation use only).
// Pages go through @akhbar/boilerplate's stripHtml first, as in the pipeline. Run: pnpm eval
// boilerplate is loaded from its build at run time, not declared as a dependency: metadata stays independent
// of it (for builds, type checks and users), and only this script needs it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractMetadata, type MetadataInput } from '../src/index.js';

const dir = join(import.meta.dirname, '../../../../shared/benchmarks/arabic-news-html');
if (!existsSync(dir)) {
  console.log(`metadata eval: ${dir} is missing (CI puts shared/ beside the clone); nothing evaluated.`);
  process.exit(0);
}
const built = join(import.meta.dirname, '../../boilerplate/dist/index.js');
if (!existsSync(built)) {
  console.log(
    'metadata eval: build @akhbar/boilerplate first (pnpm turbo run build --filter=@akhbar/boilerplate).',
  );
  process.exit(0);
}
type Strip = (
  html: Uint8Array,
  o: { url: string },
) => { body: string; titleCandidates: Array<{ text: string; source: string }>; page: MetadataInput['page'] };
const { stripHtml } = (await import(pathToFileURL(built).href)) as { stripHtml: Strip };
const gold = join(dir, 'gold');
const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return f.endsWith('.gz') ? gunzipSync(b) : b;
};
const dates: Array<{ file: string; url: string; date: string }> = Object.entries(
  JSON.parse(readFileSync(join(gold, 'htmldate__mediacloud2020_dates.json'), 'utf8')) as Record<
    string,
    { url: string; date: string }
  >,
).map(([file, g]) => ({ file, url: g.url, date: g.date }));
const lbc = JSON.parse(readFileSync(join(gold, 'fundus__LBCGroup.json'), 'utf8')).V1;
const lbcFile = readdirSync(dir).find((f) => f.startsWith('fundus__'))!;
const lbcUrl = Object.values(
  JSON.parse(readFileSync(join(gold, 'fundus__lb.meta.info'), 'utf8')) as Array<{ url: string }>,
)[0]!.url;
dates.push({ file: lbcFile, url: lbcUrl, date: String(lbc.publishing_date).slice(0, 10) });
const titles = [
  { file: lbcFile, url: lbcUrl, title: String(lbc.title) },
  {
    file: 'newspaper4k__arabic.cnn.com.syria-clashes.html',
    url: 'http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html',
    title: JSON.parse(readFileSync(join(gold, 'newspaper4k__arabic_article.metadata.json'), 'utf8'))
      .title as string,
  },
];

let right = 0;
console.log('publication date (date part) against the gold:');
for (const d of dates) {
  const s = stripHtml(read(d.file), { url: d.url });
  const m = extractMetadata({ body: s.body, titleCandidates: s.titleCandidates, page: s.page, url: d.url });
  const got = m.published?.slice(0, 10) ?? null;
  if (got === d.date) right++;
  console.log(
    `  ${got === d.date ? 'ok  ' : 'MISS'} ${d.file.padEnd(36)} gold ${d.date}  got ${got ?? '-'} (${m.published_source ?? 'none'})`,
  );
}
console.log(`dates right: ${right}/${dates.length}`);
let titleRight = 0;
for (const t of titles) {
  const s = stripHtml(read(t.file), { url: t.url });
  const m = extractMetadata({ body: s.body, titleCandidates: s.titleCandidates, page: s.page, url: t.url });
  // Gold titles differ in quotation marks only by the annotator's habit (fundus drops them): compare without.
  const bare = (x: string | null | undefined) =>
    (x ?? '')
      .replace(/["«»“”']/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const ok = bare(m.title) === bare(t.title);
  if (ok) titleRight++;
  console.log(`  ${ok ? 'ok  ' : 'MISS'} title ${t.file}: ${m.title}`);
}
console.log(`titles right (quotation marks ignored): ${titleRight}/${titles.length}`);
