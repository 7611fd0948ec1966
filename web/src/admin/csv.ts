// RFC 4180 CSV: comma separated, CRLF line ends, fields with a comma, quote or line break are quoted
// with quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @ at the start) is
// prefixed with a quote when written, so an exported file cannot carry a formula injection.
import { api, type Page } from '../api';

export function csvField(value: string | number | boolean | null | undefined, text = true): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Cell = string | number | boolean | null | undefined;

export function toCsv(header: string[], rows: Cell[][], textColumns: Set<number> = new Set()): string {
  const line = (cells: Cell[]) => cells.map((c, i) => csvField(c, textColumns.has(i))).join(',');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

/** Parses CSV text into rows of fields (quotes, doubled quotes, CRLF or LF); blank lines are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Every page of a paged list (100 a page, at most 10,000 rows), for an export. */
export async function fetchAll<T>(path: string, params: URLSearchParams): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; page < 100; page++) {
    params.set('page', String(page));
    params.set('size', '100');
    const r = await api.get<Page<T>>(`${path}?${params}`);
    all.push(...r.data.content);
    if (page + 1 >= r.data.page.totalPages) break;
  }
  return all;
}

/** Hands a CSV file to the browser's download. */
export function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
