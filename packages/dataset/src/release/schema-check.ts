import { type DataType, Type, tableFromIPC } from '@uwdata/flechette';
import { readSchema } from 'parquet-wasm';
import { type ColumnSpec, SCHEMA, type TableName } from '../schema.js';

function isString(t: DataType): boolean {
  if (t.typeId === Type.Dictionary) return isString((t as { dictionary: DataType }).dictionary);
  return t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8 || t.typeId === Type.Utf8View;
}

function matches(col: ColumnSpec, t: DataType): boolean {
  const x = t as DataType & {
    bitWidth?: number;
    signed?: boolean;
    precision?: number;
    unit?: number;
    children?: Array<{ type: DataType }>;
  };
  switch (col.type) {
    case 'string':
      return isString(t);
    case 'int32':
      return x.typeId === Type.Int && x.bitWidth === 32;
    case 'int64':
      return x.typeId === Type.Int && x.bitWidth === 64;
    case 'float64':
      return x.typeId === Type.Float && x.precision === 2;
    case 'date':
      return x.typeId === Type.Date && x.unit === 0;
    case 'list<string>':
      return (
        (x.typeId === Type.List || x.typeId === Type.LargeList) &&
        x.children?.[0] !== undefined &&
        isString(x.children[0].type)
      );
  }
}

/** Problems with a Parquet file's columns against the table's schema (names, order, types); empty when it conforms. */
export function parquetSchemaProblems(bytes: Uint8Array, table: TableName, label: string): string[] {
  let fields: Array<{ name: string; type: DataType }>;
  try {
    fields = tableFromIPC(readSchema(bytes).intoIPCStream()).schema.fields;
  } catch (err) {
    return [`${label}: not a readable Parquet file (${(err as Error).message}).`];
  }
  const columns = SCHEMA[table].columns;
  const problems: string[] = [];
  const names = fields.map((f) => f.name);
  const expected = columns.map((c) => c.name);
  if (names.join('\u0000') !== expected.join('\u0000')) {
    problems.push(
      `${label}: columns are [${names.join(', ')}], expected [${expected.join(', ')}] (schema v1).`,
    );
    return problems;
  }
  columns.forEach((col, i) => {
    const f = fields[i] as { type: DataType };
    if (!matches(col, f.type)) problems.push(`${label}: column '${col.name}' is not ${col.type}.`);
  });
  return problems;
}
