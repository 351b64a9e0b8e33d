// Just enough Markdown structure for the deterministic review: sections by heading, code
// blocks, and the column names a description documents.

export interface Section {
  title: string;
  level: number;
  /** Text up to the next heading of the same or a higher level. */
  body: string;
}

export function sections(markdown: string): Section[] {
  const lines = markdown.split(/\r?\n/);
  const heads: Array<{ line: number; level: number; title: string }> = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const m = !fence && /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (m) heads.push({ line: i, level: m[1].length, title: m[2] });
  });
  return heads.map((h, k) => {
    const next = heads.slice(k + 1).find((n) => n.level <= h.level);
    return { title: h.title, level: h.level, body: lines.slice(h.line + 1, next ? next.line : lines.length).join('\n') };
  });
}

export function findSection(all: Section[], pattern: RegExp): Section | undefined {
  return all.find((s) => pattern.test(s.title));
}

export function codeBlocks(markdown: string): Array<{ lang: string; lines: string[] }> {
  const out: Array<{ lang: string; lines: string[] }> = [];
  const re = /^\s*(```|~~~)\s*([\w-]*)\s*\n([\s\S]*?)^\s*\1\s*$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) out.push({ lang: m[2], lines: m[3].split(/\r?\n/) });
  return out;
}

function unquote(cell: string): string | undefined {
  const m = /^\s*(?:`{1,2}\s?([^`]+?)\s?`{1,2}|\*\*([^*]+)\*\*)\s*$/.exec(cell);
  return m ? (m[1] ?? m[2]).trim() : undefined;
}

/**
 * Column names a description documents: the first cell of every Markdown table row, and the
 * `name` of list items shaped "- `name`: ...", when written as code or bold. File names are skipped.
 */
export function documentedColumns(markdown: string): string[] {
  const names = new Set<string>();
  for (const line of markdown.split(/\r?\n/)) {
    const row = /^\s*\|([^|]*)\|/.exec(line);
    const item = /^\s*[-*+]\s+(`[^`]+`|\*\*[^*]+\*\*)\s*(?:\([^)]*\))?\s*[:—–-]/.exec(line);
    const cell = row ? row[1] : item ? item[1] : undefined;
    const name = cell === undefined ? undefined : unquote(cell);
    if (name && !/\.(csv|tsv|json|parquet|zip|md)$/i.test(name) && !/^-+$/.test(name)) names.add(name);
  }
  return [...names];
}

/** Whether `word` occurs in `text` as a token (not inside a longer identifier). */
export function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w])${escaped}($|[^\\w])`, 'i').test(text);
}
