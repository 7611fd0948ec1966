import type { ReactNode } from 'react';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="muted" role="status" aria-live="polite">{what}…</p>;
}

export function ErrorBox({ message }: { message: string | null }) {
  if (!message) return null;
  return <div className="error" role="alert">{message}</div>;
}

export function Notice({ children }: { children: ReactNode }) {
  return <div className="notice" role="status" aria-live="polite">{children}</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Pager({ page, totalPages, onPage }: { page: number; totalPages: number; onPage: (p: number) => void }) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page <= 0} onClick={() => onPage(page - 1)}>Previous</button>
      <span>Page {page + 1} of {totalPages}</span>
      <button type="button" disabled={page + 1 >= totalPages} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status}</span>;
}

export function StockBadge({ available }: { available: number }) {
  if (available <= 0) return <span className="badge stock-out">Out of stock</span>;
  if (available < 10) return <span className="badge stock-low">Only {available} left</span>;
  return <span className="badge stock-ok">In stock ({available})</span>;
}
