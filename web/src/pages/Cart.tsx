import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api';
import { useApp } from '../app-state';
import { cartTotalCents, MAX_QTY, removeFromCart, setQty } from '../cart';
import { Checkout, type CheckoutOutcome } from '../checkout';
import { money } from '../i18n';
import { Empty } from '../ui';

export function CartPage() {
  const { t } = useTranslation();
  const { cart, setCart } = useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const checkout = useMemo(() => new Checkout(api), []);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<CheckoutOutcome | null>(null);

  // not a useMutation: Checkout itself shares the in-flight request and owns the Idempotency-Key
  const place = async () => {
    setPending(true);
    setOutcome(null);
    const result = await checkout.place(cart);
    setPending(false);
    setOutcome(result);
    if (result.kind !== 'error') {
      // an order may have been made (placed or rejected, also behind a 503 or a 504) and stock moved:
      // lists and stock badges are stale
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['inventory'] });
    }
    if (result.kind === 'placed') {
      setCart([]);
      void navigate(`/orders/${result.order.id}`);
    }
  };

  if (cart.length === 0) {
    return <section><h1>{t('Your cart')}</h1><Empty>{t('Your cart is empty.')} <Link to="/">{t('Browse the catalog')}</Link>.</Empty></section>;
  }
  return (
    <section>
      <h1>{t('Your cart')}</h1>
      <table>
        <thead><tr><th>{t('Item')}</th><th>{t('Price')}</th><th>{t('Quantity')}</th><th>{t('Total')}</th><th><span className="sr-only">{t('Remove')}</span></th></tr></thead>
        <tbody>
          {cart.map((line) => (
            <tr key={line.sku} data-sku={line.sku}>
              <td>{line.name}<br /><span className="muted">{line.sku}</span></td>
              <td>{money(line.priceCents)}</td>
              <td>
                <label htmlFor={`qty-${line.sku}`} className="sr-only">{t('Quantity of {{name}}', { name: line.name })}</label>
                <QtyInput id={`qty-${line.sku}`} qty={line.qty} onQty={(qty) => setCart(setQty(cart, line.sku, qty))} />
              </td>
              <td>{money(line.priceCents * line.qty)}</td>
              <td><button type="button" className="link" onClick={() => setCart(removeFromCart(cart, line.sku))}
                aria-label={t('Remove {{name}}', { name: line.name })}>{t('Remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total">{t('Total (prices are confirmed by the store when you order):')} <strong>{money(cartTotalCents(cart))}</strong></p>
      {outcome && outcome.kind !== 'placed' && (
        <div className={outcome.kind === 'unavailable' || outcome.kind === 'unknown' ? 'warning' : 'error'} role="alert" data-outcome={outcome.kind}>{outcome.message}</div>
      )}
      <button type="button" onClick={place} disabled={pending} aria-busy={pending}>{pending ? t('Placing your order…') : t('Place order')}</button>
    </section>
  );
}

/** A quantity field that can be cleared while typing: only a whole number 1..1000 changes the cart. */
function QtyInput({ id, qty, onQty }: { id: string; qty: number; onQty: (qty: number) => void }) {
  const [draft, setDraft] = useState(String(qty));
  const [shown, setShown] = useState(qty);
  if (shown !== qty) {
    // the cart changed the quantity (clamped, or from elsewhere): show it
    setShown(qty);
    setDraft(String(qty));
  }
  return (
    <input id={id} type="number" inputMode="numeric" min={1} max={MAX_QTY} step={1} value={draft} className="qty"
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value !== '' && Number.isInteger(n) && n >= 1) onQty(Math.min(n, MAX_QTY));
      }}
      onBlur={() => setDraft(String(qty))} />
  );
}
