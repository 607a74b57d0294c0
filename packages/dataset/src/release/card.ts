import { stringify } from 'yaml';
import { SCHEMA, TABLE_NAMES, type TableName } from '../schema.js';
import { citationText } from './citation.js';
import type { ReleaseInfo } from './model.js';

/** Hugging Face size bucket for a row count. */
export function sizeCategory(n: number): string {
  const buckets: Array<[number, string]> = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
    [1e9, '100M<n<1B'],
  ];
  for (const [limit, label] of buckets) if (n < limit) return label;
  return 'n>1T';
}

/** The Parquet files of a table as a hub `data_files` path (a glob for part folders). */
export function parquetPath(info: ReleaseInfo, table: TableName): string {
  const files = info.files.filter((f) => f.table === table && f.format === 'parquet');
  return files.length === 1 ? (files[0] as { path: string }).path : `data/${table}/*.parquet`;
}

export function frontMatter(info: ReleaseInfo): Record<string, unknown> {
  // Hubs want a name and a link with license 'other'; the card's Licence section is the link.
  const other =
    info.license === 'other' ? { license_name: 'unspecified', license_link: 'README.md#licence' } : {};
  return {
    license: info.license.toLowerCase(),
    ...other,
    language: ['ar'],
    pretty_name: info.title,
    task_categories: ['text-classification', 'token-classification', 'text-retrieval'],
    task_ids: ['named-entity-recognition'],
    size_categories: [sizeCategory(info.counts.articles)],
    tags: ['news', 'arabic', 'named-entities', 'media-studies', 'akhbar'],
    configs: TABLE_NAMES.map((table) => ({
      config_name: table,
      data_files: [{ split: 'train', path: parquetPath(info, table) }],
      ...(table === 'articles' ? { default: true } : {}),
    })),
  };
}

const cell = (s: string | number) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The dataset card: YAML front matter for dataset hubs, then what a researcher needs to know. */
export function buildCard(info: ReleaseInfo): string {
  const s = info.stats;
  const lines: string[] = [];
  lines.push('---', stringify(frontMatter(info), { lineWidth: 0 }).trimEnd(), '---', '');
  lines.push(`# ${info.title}`, '', info.description, '');
  lines.push(
    `Version **${info.version}** of \`${info.name}\`${info.date ? `, released ${info.date}` : ''}. Built with akhbar (pipeline ${s.pipelineVersions.join(', ') || 'unknown'}).`,
    '',
  );
  lines.push('## Contents', '', '| table | rows | files |', '|---|---:|---|');
  for (const t of TABLE_NAMES) {
    const files = info.files.filter((f) => f.table === t).map((f) => `\`${f.path}\``);
    lines.push(`| ${t} | ${info.counts[t]} | ${files.join(', ')} |`);
  }
  lines.push('');
  lines.push('## Coverage', '');
  lines.push(
    `- Articles: ${info.counts.articles} (${s.duplicates} marked as duplicates of another, ${s.undated} without a date).`,
  );
  lines.push(
    `- Date range: ${s.dateRange ? `${s.dateRange[0]} to ${s.dateRange[1]}` : 'no dated articles'}.`,
  );
  lines.push(
    `- Mentions: ${info.counts.mentions} of ${info.counts.entities} entities. Removed segments: ${info.counts.removed}. Inputs that failed: ${info.counts.errors}.`,
  );
  lines.push('');
  lines.push('## Sources', '');
  if (info.sources.length > 0) for (const src of info.sources) lines.push(`- ${src}`);
  lines.push(
    `- Sites: ${s.sites.length > 0 ? s.sites.map(([k, n]) => `${k} (${n})`).join(', ') : 'not recorded'}.`,
  );
  lines.push(
    `- Agencies credited: ${s.agencies.length > 0 ? s.agencies.map(([k, n]) => `${k} (${n})`).join(', ') : 'none recorded'}.`,
  );
  lines.push('');
  lines.push('## Top entities', '');
  if (s.topEntities.length === 0) lines.push('No entities.');
  else {
    lines.push(
      '| entity_id | type | Arabic | English | mentions | articles |',
      '|---|---|---|---|---:|---:|',
    );
    for (const e of s.topEntities) {
      lines.push(
        `| ${cell(e.entity_id)} | ${e.type} | ${cell(e.canonical_ar)} | ${cell(e.canonical_en)} | ${e.mention_count} | ${e.article_count} |`,
      );
    }
  }
  lines.push('');
  lines.push('## Schema', '');
  lines.push(
    'Offsets (`start`, `end`) are UTF-16 code units, half-open: `body.slice(start, end) === surface` in JavaScript (in Python, encode to UTF-16 to index). In CSV, null is an empty field and the empty string is `""`; list columns are JSON arrays; dates are `YYYY-MM-DD`.',
    '',
  );
  for (const t of TABLE_NAMES) {
    lines.push(
      `### ${t}`,
      '',
      SCHEMA[t].description,
      '',
      '| column | type | nullable | description |',
      '|---|---|---|---|',
    );
    for (const c of SCHEMA[t].columns)
      lines.push(`| ${c.name} | ${c.type} | ${c.nullable ? 'yes' : 'no'} | ${cell(c.description)} |`);
    lines.push('');
  }
  lines.push('## Loading', '');
  const articles = parquetPath(info, 'articles');
  lines.push(
    '```sql',
    `-- DuckDB`,
    `SELECT title, published, agency FROM '${articles}' ORDER BY published;`,
    '```',
    '',
  );
  lines.push(
    '```python',
    '# pandas (pyarrow)',
    'import pandas as pd',
    `articles = pd.read_parquet("${articles.replace('/*.parquet', '')}")`,
    '',
    '# Hugging Face datasets',
    'from datasets import load_dataset',
    `articles = load_dataset("parquet", data_files="${articles}", split="train")`,
    '```',
    '',
  );
  lines.push(
    '```r',
    '# R (arrow)',
    'library(arrow)',
    `articles <- open_dataset("${articles.replace('/*.parquet', '')}") |> dplyr::collect()`,
    '```',
    '',
  );
  lines.push('## Integrity', '');
  lines.push(
    '`SHA256SUMS` lists the SHA-256 of every file; `datapackage.json` (Frictionless) and `croissant.json` (ML Commons Croissant) repeat them with byte sizes and typed schemas. Check a copy with `akhbar validate DIR` or `sha256sum -c SHA256SUMS`.',
    '',
  );
  lines.push('## Licence', '');
  lines.push(
    info.license === 'other'
      ? 'No licence was given for this release (`other`). The articles remain the work of their publishers; ask the dataset creators about terms of use before redistributing.'
      : `${info.license} (https://spdx.org/licenses/${info.license}.html). The articles remain the work of their publishers.`,
    '',
  );
  lines.push('## How to cite', '', citationText(info), '', 'Machine-readable: `CITATION.cff`.', '');
  return `${lines.join('\n')}`;
}
