// SQL text helpers. Every identifier and literal that reaches DuckDB goes through these.

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A lower-case SQL-safe name from a file stem: `My Data-2021` → `my_data_2021`. */
export function sanitizeName(stem: string): string {
  let name = stem
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (!name) name = 'table';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  return name;
}

/** BIGINT/HUGEINT come back from DuckDB as bigint; callers want plain numbers when they fit. */
export function normalizeValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v)]));
  }
  return value;
}

const NUMERIC_TYPES = new Set([
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE',
]);

export function isNumericType(duckdbType: string): boolean {
  return NUMERIC_TYPES.has(duckdbType) || duckdbType.startsWith('DECIMAL');
}

export function isIntegerType(duckdbType: string): boolean {
  return isNumericType(duckdbType) && !['FLOAT', 'DOUBLE'].includes(duckdbType) && !duckdbType.startsWith('DECIMAL');
}

export function isStringType(duckdbType: string): boolean {
  return duckdbType === 'VARCHAR';
}

/**
 * Above this magnitude a value is "extreme": squares of such values, summed over rows, overflow a
 * double (DuckDB then fails the whole aggregate with "out of range"), and no measurement needs them.
 */
export const EXTREME_MAGNITUDE = 1e100;

export function isFloatType(duckdbType: string): boolean {
  return duckdbType === 'DOUBLE' || duckdbType === 'FLOAT';
}

/**
 * The value as DOUBLE when it is finite and not extreme, else NULL: what sums, moments and
 * correlations may take. NaN compares above every number in DuckDB, so it fails the test too.
 */
export function momentValue(expr: string): string {
  return `(CASE WHEN abs(${expr}::DOUBLE) <= ${EXTREME_MAGNITUDE} THEN ${expr}::DOUBLE END)`;
}
