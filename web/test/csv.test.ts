import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import { parseCsv, toCsv } from '../src/admin/csv';
import { importItems, parseItemsCsv } from '../src/admin/importItems';
import { json, session } from './fakeServer';
import { routes } from './routes';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas in text columns', () => {
    const csv = toCsv(['sku', 'name', 'n'], [['A-1', 'Plain', 5], ['B-2', 'Comma, "quoted"\nline', -3], ['C-3', '=HYPERLINK("x")', 0]], new Set([1]));
    expect(csv).toBe('sku,name,n\r\nA-1,Plain,5\r\nB-2,"Comma, ""quoted""\nline",-3\r\nC-3,"\'=HYPERLINK(""x"")",0\r\n');
  });

  it('parses what it writes back into the same fields', () => {
    const rows = [['sku', 'name'], ['B-2', 'Comma, "quoted"\nline'], ['C-3', '']];
    expect(parseCsv(toCsv(rows[0], rows.slice(1)))).toEqual(rows);
    expect(parseCsv('\uFEFFa,b\nc,d\n\n')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('the items import', () => {
  beforeEach(async () => {
    vi.stubGlobal('fetch', routes({ 'POST /api/v1/auth/login': () => json(200, session(1)) }).fetch);
    await api.login('a@b.c', 'pw-123456');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('saves the good rows, reports each bad row with its reasons, and sends nothing for a bad row', async () => {
    const net = routes({
      'GET /api/v1/inventory/items/OLD-1': () => json(200, { sku: 'OLD-1' }),
      'GET /api/v1/inventory/items/NEW-1': () => json(404, { status: 404, detail: 'no item NEW-1' }),
      'GET /api/v1/inventory/items/DUP-1': () => json(404, { status: 404 }),
      'PATCH /api/v1/inventory/items/OLD-1': () => json(200, {}),
      'POST /api/v1/inventory/items': [() => json(201, {}), () => json(409, { status: 409, detail: 'SKU DUP-1 exists' })],
    });
    vi.stubGlobal('fetch', net.fetch);
    const parsed = parseItemsCsv([
      'sku,name,description,priceCents,available',
      'old-1,Renamed,,250,99',
      'x,,,-5,',
      'NEW-1,New,"a, b",100,3',
      'NEW-1,Twice,,100,3',
      'DUP-1,Refused by the server,,1,1',
    ].join('\n'));

    const report = await importItems(parsed);

    expect(report.map((r) => [r.line, r.sku, r.outcome])).toEqual([
      [2, 'OLD-1', 'updated'], [3, 'X', 'failed'], [4, 'NEW-1', 'created'], [5, 'NEW-1', 'failed'], [6, 'DUP-1', 'failed'],
    ]);
    expect(report[1].messages).toEqual(['sku must be 2 to 64 of A-Z, 0-9 and -, starting with a letter or digit',
      'name is required (at most 200 characters)', 'priceCents must be a whole number >= 0']);
    expect(report[3].messages).toEqual(['the SKU appears more than once in the file']);
    expect(report[4].messages).toEqual(['SKU DUP-1 exists']);
    const writes = net.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PATCH', '/api/v1/inventory/items/OLD-1', { name: 'Renamed', description: null, priceCents: 250 }],
      ['POST', '/api/v1/inventory/items', { sku: 'NEW-1', name: 'New', description: 'a, b', priceCents: 100, available: 3 }],
      ['POST', '/api/v1/inventory/items', { sku: 'DUP-1', name: 'Refused by the server', priceCents: 1, available: 1 }],
    ]);
  });

  it('refuses a file whose header lacks a required column, before any request', () => {
    expect(parseItemsCsv('sku,title\nA-1,x')).toEqual({ rows: [], fileError: 'name, priceCents' });
  });
});
