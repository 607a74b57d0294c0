import { CSV_RECORD_DELIMITER } from '../csv.js';
import { type ColumnSpec, SCHEMA, SCHEMA_VERSION, type TableName } from '../schema.js';
import { MEDIA_TYPES, type ReleaseInfo } from './model.js';

/** Frictionless Table Schema field for a column (CSV form: lists are JSON arrays). */
function field(col: ColumnSpec): Record<string, unknown> {
  const type = {
    string: 'string',
    int32: 'integer',
    int64: 'integer',
    float64: 'number',
    date: 'date',
    'list<string>': 'array',
  }[col.type];
  const out: Record<string, unknown> = { name: col.name, type, description: col.description };
  if (col.type === 'date') out.format = 'default';
  const constraints: Record<string, unknown> = {};
  if (!col.nullable) constraints.required = true;
  if (col.name === 'type') constraints.enum = ['PERSON', 'ORG', 'LOC'];
  if (col.name === 'confidence') {
    constraints.minimum = 0;
    constraints.maximum = 1;
  }
  if (Object.keys(constraints).length > 0) out.constraints = constraints;
  return out;
}

const PRIMARY_KEYS: Partial<Record<TableName, string[]>> = {
  articles: ['article_id'],
  entities: ['entity_id'],
};

export function tableSchema(table: TableName): Record<string, unknown> {
  const schema: Record<string, unknown> = {
    fields: SCHEMA[table].columns.map(field),
    missingValues: [''],
  };
  const pk = PRIMARY_KEYS[table];
  if (pk) schema.primaryKey = pk;
  return schema;
}

/** The release's datapackage.json (Frictionless Data Package, tabular profile), one resource per file. */
export function buildDatapackage(info: ReleaseInfo): Record<string, unknown> {
  const resources = info.files.map((f) => {
    const parts = info.files.filter((g) => g.table === f.table && g.format === f.format);
    const name = parts.length > 1 ? `${f.table}-${f.format}-${parts.indexOf(f)}` : `${f.table}-${f.format}`;
    const resource: Record<string, unknown> = {
      name,
      path: f.path,
      profile: 'tabular-data-resource',
      title: `${f.table} (${f.format})`,
      description: SCHEMA[f.table].description,
      format: f.format,
      mediatype: MEDIA_TYPES[f.format],
      encoding: f.bom ? 'utf-8-sig' : 'utf-8',
      bytes: f.bytes,
      hash: `sha256:${f.sha256}`,
      table: f.table,
      rows: f.rows,
    };
    if (f.format === 'csv') {
      resource.dialect = {
        delimiter: ',',
        lineTerminator: CSV_RECORD_DELIMITER,
        quoteChar: '"',
        doubleQuote: true,
        header: true,
      };
    }
    resource.schema = tableSchema(f.table);
    return resource;
  });
  const pkg: Record<string, unknown> = {
    profile: 'tabular-data-package',
    name: info.name,
    title: info.title,
    description: info.description,
    version: info.version,
    licenses: [
      {
        name: info.license,
        ...(info.license !== 'other' ? { path: `https://spdx.org/licenses/${info.license}.html` } : {}),
      },
    ],
    contributors: info.creators.map((c) => ({
      title: c.name,
      role: 'author',
      ...(c.email ? { email: c.email } : {}),
      ...(c.affiliation ? { organization: c.affiliation } : {}),
    })),
    keywords: ['arabic', 'news', 'named entities', 'media studies'],
    sources: info.sources.map((s) => ({ title: s })),
    akhbar: { schema_version: SCHEMA_VERSION, counts: info.counts },
    resources,
  };
  if (info.homepage) pkg.homepage = info.homepage;
  if (info.date) pkg.created = `${info.date}T00:00:00Z`;
  return pkg;
}
