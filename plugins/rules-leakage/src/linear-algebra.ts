// The one piece of linear algebra the leakage rules do in JS: solving the small normal equations
// built from DuckDB aggregates (never from whole columns).

/**
 * Solves A·x = b (A small; for the callers here a correlation matrix) by Gaussian elimination
 * with partial pivoting; undefined when A is singular relative to its scale (a column that is a
 * combination of the others).
 */
export function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i])), 0);
  if (!(scale > 0) || m.some((row) => row.some((x) => !Number.isFinite(x)))) return undefined;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[p][c])) p = i;
    if (Math.abs(m[p][c]) <= 1e-10 * scale) return undefined;
    [m[c], m[p]] = [m[p], m[c]];
    for (let i = c + 1; i < n; i++) {
      const f = m[i][c] / m[c][c];
      for (let j = c; j <= n; j++) m[i][j] -= f * m[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}
