import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describe } from './api';

export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return <p className="muted" role="status" aria-live="polite">{what ?? t('Loading')}…</p>;
}

export function ErrorBox({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <div className="error" role="alert">{message}</div>;
}

/** The readable message of a failed query or mutation (the problem's detail), or nothing. */
export function errorText(error: unknown): string | null {
  return error ? describe(error) : null;
}

export function Notice({ children }: { children: ReactNode }) {
  return <div className="notice" role="status" aria-live="polite">{children}</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Pager({ page, totalPages, onPage }: { page: number; totalPages: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('Pages')}>
      <button type="button" disabled={page <= 0} onClick={() => onPage(page - 1)}>{t('Previous')}</button>
      <span>{t('Page {{page}} of {{total}}', { page: page + 1, total: totalPages })}</span>
      <button type="button" disabled={page + 1 >= totalPages} onClick={() => onPage(page + 1)}>{t('Next')}</button>
    </nav>
  );
}

const STATUS_LABELS: Record<string, string> = {
  PENDING: 'PENDING', CONFIRMED: 'CONFIRMED', SHIPPED: 'SHIPPED', DELIVERED: 'DELIVERED', REJECTED: 'REJECTED',
  CANCELLED: 'CANCELLED', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED',
};

/** A status in the user's language; an unknown one as the API sent it. */
export function statusText(t: TFunction, status: string): string {
  return STATUS_LABELS[status] ? t(STATUS_LABELS[status]) : status;
}

/** A status as a badge; the text is translated, the data-status attribute keeps the API's value. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`} data-status={status}>{statusText(t, status)}</span>;
}

export function StockBadge({ available }: { available: number }) {
  const { t } = useTranslation();
  if (available <= 0) return <span className="badge stock-out">{t('Out of stock')}</span>;
  if (available < 10) return <span className="badge stock-low">{t('Only {{count}} left', { count: available })}</span>;
  return <span className="badge stock-ok">{t('In stock ({{count}})', { count: available })}</span>;
}
