import { useEffect, useMemo, useState } from 'react';
import { api, money } from '../api';
import { useApp } from '../app-state';
import { cartTotalCents, MAX_QTY, removeFromCart, setQty } from '../cart';
import { Checkout, type CheckoutOutcome } from '../checkout';
import { Link, navigate } from '../router';
import { Empty } from '../ui';

export function CartPage() {
  const { cart, setCart } = useApp();
  const checkout = useMemo(() => new Checkout(api), []);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<CheckoutOutcome | null>(null);

  const place = async () => {
    setPending(true);
    setOutcome(null);
    const result = await checkout.place(cart);
    setPending(false);
    setOutcome(result);
    if (result.kind === 'placed') {
      setCart([]);
      navigate(`/orders/${result.order.id}`);
    }
  };

  if (cart.length === 0) {
    return <section><h1>Your cart</h1><Empty>Your cart is empty. <Link href="/">Browse the catalog</Link>.</Empty></section>;
  }
  return (
    <section>
      <h1>Your cart</h1>
      <table>
        <thead><tr><th>Item</th><th>Price</th><th>Quantity</th><th>Total</th><th><span className="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {cart.map((line) => (
            <tr key={line.sku} data-sku={line.sku}>
              <td>{line.name}<br /><span className="muted">{line.sku}</span></td>
              <td>{money(line.priceCents)}</td>
              <td>
                <label htmlFor={`qty-${line.sku}`} className="sr-only">Quantity of {line.name}</label>
                <QtyInput id={`qty-${line.sku}`} qty={line.qty} onQty={(qty) => setCart(setQty(cart, line.sku, qty))} />
              </td>
              <td>{money(line.priceCents * line.qty)}</td>
              <td><button type="button" className="link" onClick={() => setCart(removeFromCart(cart, line.sku))}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total">Total (prices are confirmed by the store when you order): <strong>{money(cartTotalCents(cart))}</strong></p>
      {outcome && outcome.kind !== 'placed' && (
        <div className={outcome.kind === 'unavailable' ? 'warning' : 'error'} role="alert" data-outcome={outcome.kind}>{outcome.message}</div>
      )}
      <button type="button" onClick={place} disabled={pending} aria-busy={pending}>{pending ? 'Placing your order…' : 'Place order'}</button>
    </section>
  );
}

/** A quantity field that can be cleared while typing: only a whole number 1..1000 changes the cart. */
function QtyInput({ id, qty, onQty }: { id: string; qty: number; onQty: (qty: number) => void }) {
  const [draft, setDraft] = useState(String(qty));
  useEffect(() => setDraft(String(qty)), [qty]);
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
