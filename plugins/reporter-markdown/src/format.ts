// Small formatting helpers for Markdown tables.

/** A table cell: pipes escaped, line breaks flattened. */
export function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function table(header: string[], rows: unknown[][], align?: Array<'l' | 'r'>): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** A number with about four significant digits; null/NaN as a dash. */
export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Number.isInteger(x)) return String(x);
  // Rounding noise, e.g. the Bland–Altman bias of two Elo sets that are both centred at 1000.
  if (Math.abs(x) < 1e-9) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return x.toFixed(0);
  return String(Number(x.toPrecision(digits)));
}

export function pct(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(0)}%` : '—';
}

export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${m}m ${s % 60}s` : m ? `${m}m ${s % 60}s` : `${(ms / 1000).toFixed(1)}s`;
}
