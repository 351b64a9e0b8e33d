// SQL text helpers for the spec expressions this designer writes.
import { quoteIdent, quoteLiteral } from '@mle-smith/data';

export { quoteIdent, quoteLiteral };

/** Lower-case, dash-separated: `State of the Union` → `state-of-the-union`. */
export function slug(text: string): string {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'x';
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The public name of a text file: `texts/` + 16 hex digits of a salted hash of its raw path. */
export function textFileExpression(pathColumn: string, seed: number, folder: string): string {
  return `${quoteLiteral(`${folder}/`)} || substr(md5(CAST(${quoteIdent(pathColumn)} AS VARCHAR) || ${quoteLiteral(`:text:${seed}`)}), 1, 16) || '.txt'`;
}
