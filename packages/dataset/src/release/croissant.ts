import { type ColumnSpec, SCHEMA, TABLE_NAMES } from '../schema.js';
import type { TableFormat } from '../writers.js';
import { citationText } from './citation.js';
import type { ReleaseInfo } from './model.js';

/** The Croissant 1.0 JSON-LD context, as the spec publishes it. */
const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const ENCODING: Record<TableFormat, string> = {
  csv: 'text/csv',
  parquet: 'application/x-parquet',
  jsonl: 'application/jsonlines',
};

function dataType(col: ColumnSpec): string {
  return {
    string: 'sc:Text',
    int32: 'sc:Integer',
    int64: 'sc:Integer',
    float64: 'sc:Float',
    date: 'sc:Date',
    'list<string>': 'sc:Text',
  }[col.type];
}

/** croissant.json: FileObjects (with sha256) for every data file, a typed RecordSet per table read from its Parquet. */
export function buildCroissant(info: ReleaseInfo): Record<string, unknown> {
  const distribution: Record<string, unknown>[] = info.files.map((f) => ({
    '@type': 'cr:FileObject',
    '@id': f.path,
    name: f.path,
    contentUrl: f.path,
    contentSize: `${f.bytes} B`,
    encodingFormat: ENCODING[f.format],
    sha256: f.sha256,
  }));
  const recordSet = TABLE_NAMES.map((table) => {
    const parquet = info.files.filter((f) => f.table === table && f.format === 'parquet');
    let source: Record<string, unknown>;
    if (parquet.length === 1) source = { fileObject: { '@id': (parquet[0] as { path: string }).path } };
    else {
      const id = `${table}-parquet-parts`;
      distribution.push({
        '@type': 'cr:FileSet',
        '@id': id,
        name: id,
        encodingFormat: ENCODING.parquet,
        includes: `data/${table}/*.parquet`,
      });
      source = { fileSet: { '@id': id } };
    }
    return {
      '@type': 'cr:RecordSet',
      '@id': table,
      name: table,
      description: SCHEMA[table].description,
      field: SCHEMA[table].columns.map((col) => ({
        '@type': 'cr:Field',
        '@id': `${table}/${col.name}`,
        name: col.name,
        description: col.description,
        dataType: dataType(col),
        ...(col.type === 'list<string>' ? { repeated: true } : {}),
        source: { ...source, extract: { column: col.name } },
      })),
    };
  });
  const doc: Record<string, unknown> = {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: info.name,
    alternateName: info.title,
    description: info.description,
    version: info.version,
    license: info.license === 'other' ? 'other' : `https://spdx.org/licenses/${info.license}.html`,
    inLanguage: 'ar',
    keywords: ['Arabic', 'news', 'named entities', 'media studies'],
    creator: info.creators.map((c) => ({
      '@type': c.kind === 'Person' ? 'sc:Person' : 'sc:Organization',
      name: c.name,
      ...(c.orcid ? { identifier: c.orcid } : {}),
    })),
    citeAs: citationText(info),
    distribution,
    recordSet,
  };
  if (info.homepage) doc.url = info.homepage;
  if (info.date) doc.datePublished = info.date;
  return doc;
}
