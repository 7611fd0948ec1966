import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item } from '../types';
import { ErrorBox, errorText, Notice } from '../ui';
import { download, fetchAll, toCsv } from './csv';
import { importItems, ITEM_COLUMNS, parseItemsCsv, type RowResult } from './importItems';

/** Export of every item, and the import of a CSV file (create or update by SKU) with a per-row report. */
export function ItemsCsv() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const exportItems = useMutation({
    mutationFn: async () => {
      const items = await fetchAll<Item>('/api/v1/inventory/items', new URLSearchParams({ sort: 'sku,asc' }));
      download('items.csv', toCsv([...ITEM_COLUMNS, 'reserved'],
        items.map((i) => [i.sku, i.name, i.description, i.priceCents, i.available, i.reserved]), new Set([1, 2])));
      return items.length;
    },
  });
  const run = useMutation({
    mutationFn: async (f: File): Promise<RowResult[] | null> => {
      const parsed = parseItemsCsv(await f.text());
      if (parsed.fileError) {
        setFileError(t('The first line must name the columns {{columns}}; missing: {{missing}}.', { columns: ITEM_COLUMNS.join(', '), missing: parsed.fileError }));
        return null;
      }
      return importItems(parsed);
    },
    onMutate: () => setFileError(null),
    onSettled: () => client.invalidateQueries({ queryKey: ['inventory'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) run.mutate(file);
  };
  const results = run.data ?? null;
  const counts = results && {
    created: results.filter((r) => r.outcome === 'created').length,
    updated: results.filter((r) => r.outcome === 'updated').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
  };
  return (
    <details className="panel">
      <summary>{t('Import and export (CSV)')}</summary>
      <p>
        <button type="button" className="secondary" onClick={() => exportItems.mutate()} disabled={exportItems.isPending}>{t('Export all items (CSV)')}</button>
      </p>
      <ErrorBox message={errorText(exportItems.error)} />
      {exportItems.data !== undefined && <Notice>{t('Exported {{count}} items.', { count: exportItems.data })}</Notice>}
      <form onSubmit={submit} aria-describedby="import-help">
        <p id="import-help" className="muted">
          {t('Columns: {{columns}}. A known SKU gets the new name, description and price (its stock is not changed: use Adjust); a new SKU is created with available as its stock.', { columns: ITEM_COLUMNS.join(', ') })}
          {' '}<strong>{t('Each row stands alone: the good rows are saved, a bad row changes nothing and is listed below with the reason.')}</strong>
        </p>
        <label htmlFor="import-file">{t('CSV file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" disabled={!file || run.isPending}>{run.isPending ? t('Importing…') : t('Import')}</button>
      </form>
      <ErrorBox message={fileError ?? errorText(run.error)} />
      {counts && results && (
        <>
          <Notice>{t('Import finished: {{created}} created, {{updated}} updated, {{failed}} failed.', counts)}</Notice>
          <table aria-label={t('Import report')}>
            <thead><tr><th>{t('Line')}</th><th>{t('SKU')}</th><th>{t('Result')}</th><th>{t('Why')}</th></tr></thead>
            <tbody>{results.map((r) => (
              <tr key={r.line} data-line={r.line} data-outcome={r.outcome}>
                <td>{r.line}</td><td>{r.sku}</td><td>{t(r.outcome)}</td><td>{r.messages?.map((m) => t(m)).join('; ')}</td>
              </tr>
            ))}</tbody>
          </table>
        </>
      )}
    </details>
  );
}
