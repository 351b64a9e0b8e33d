// DuckDB SQL text helpers: every identifier in a generated expression is quoted, so column
// names with spaces, dots or reserved words stay valid. Quoting is @mle-smith/data's (one place).
import { quoteIdent, quoteLiteral } from '@mle-smith/data';

export { quoteIdent };
export const sqlString = quoteLiteral;

/** A numeric literal DuckDB reads back exactly (shortest round-trip form). */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** Lower-case slug for ids and derived column names. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return s || 'x';
}

/** snake_case name usable as a CSV header and SQL alias. */
export function snake(text: string): string {
  return slug(text).replaceAll('-', '_');
}
