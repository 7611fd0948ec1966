import { api, ApiError, describe } from '../api';
import type { Item } from '../types';
import { parseCsv } from './csv';

// CSV import of items: create or update by SKU. Each row is its own request, so the policy is
// "a bad row rejects only itself": every row is checked, the good ones are saved, and the report says
// for each bad row what is wrong; nothing of a bad row is written. For a SKU that exists, name,
// description and price are updated; its stock is not touched (stock changes are adjustments with a
// reason), so `available` is used only when the SKU is created.
export const ITEM_COLUMNS = ['sku', 'name', 'description', 'priceCents', 'available'] as const;

export type RowResult = { line: number; sku: string; outcome: 'created' | 'updated' | 'failed'; messages?: string[] };
type Row = { line: number; sku: string; name: string; description: string; priceCents: number; available: number | null };

const SKU = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

/** Checks one row; gives the row or the reasons it is refused. */
export function checkRow(header: string[], cells: string[], line: number): Row | { line: number; sku: string; errors: string[] } {
  const get = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
  const sku = get('sku').toUpperCase();
  const errors: string[] = [];
  if (!SKU.test(sku)) errors.push('sku must be 2 to 64 of A-Z, 0-9 and -, starting with a letter or digit');
  const name = get('name');
  if (name.length < 1 || name.length > 200) errors.push('name is required (at most 200 characters)');
  const price = get('priceCents');
  if (!/^\d+$/.test(price)) errors.push('priceCents must be a whole number >= 0');
  const available = get('available');
  if (available !== '' && !/^\d+$/.test(available)) errors.push('available must be a whole number >= 0');
  if (errors.length) return { line, sku, errors };
  return { line, sku, name, description: get('description'), priceCents: Number(price), available: available === '' ? null : Number(available) };
}

export type ParsedFile = { rows: (Row | { line: number; sku: string; errors: string[] })[]; fileError?: string };

export function parseItemsCsv(text: string): ParsedFile {
  const [header = [], ...body] = parseCsv(text);
  const names = header.map((h) => h.trim());
  const missing = ['sku', 'name', 'priceCents'].filter((c) => !names.includes(c));
  if (missing.length) return { rows: [], fileError: missing.join(', ') };
  const seen = new Set<string>();
  const rows = body.map((cells, i) => {
    const row = checkRow(names, cells, i + 2);
    if (!('errors' in row)) {
      if (seen.has(row.sku)) return { line: row.line, sku: row.sku, errors: ['the SKU appears more than once in the file'] };
      seen.add(row.sku);
    }
    return row;
  });
  return { rows };
}

/** Applies the good rows one by one and reports every row. */
export async function importItems(parsed: ParsedFile, onProgress?: (done: number) => void): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (const row of parsed.rows) {
    if ('errors' in row) {
      results.push({ line: row.line, sku: row.sku, outcome: 'failed', messages: row.errors });
    } else {
      results.push(await applyRow(row));
    }
    onProgress?.(results.length);
  }
  return results;
}

async function applyRow(row: Row): Promise<RowResult> {
  const base = { line: row.line, sku: row.sku };
  try {
    let existing: Item | null = null;
    try {
      existing = (await api.get<Item>(`/api/v1/inventory/items/${encodeURIComponent(row.sku)}`)).data;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    if (existing) {
      await api.patch(`/api/v1/inventory/items/${encodeURIComponent(row.sku)}`,
        { name: row.name, description: row.description || null, priceCents: row.priceCents });
      return { ...base, outcome: 'updated' };
    }
    await api.post('/api/v1/inventory/items', {
      sku: row.sku, name: row.name, description: row.description || undefined, priceCents: row.priceCents, available: row.available ?? 0,
    });
    return { ...base, outcome: 'created' };
  } catch (e) {
    return { ...base, outcome: 'failed', messages: [describe(e)] };
  }
}
