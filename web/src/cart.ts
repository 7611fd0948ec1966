// The cart is kept in localStorage (it holds no secrets): SKUs, names, prices shown and quantities.
export type CartLine = { sku: string; name: string; priceCents: number; qty: number };

const KEY = 'orderfleet.cart';
export const MAX_QTY = 1000;
export const MAX_LINES = 50;

export function loadCart(storage: Storage = localStorage): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Partial<CartLine>[]).filter((l): l is CartLine => !!l && typeof l.sku === 'string' && (l.qty ?? 0) > 0) : [];
  } catch {
    return [];
  }
}

export function saveCart(lines: CartLine[], storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(lines));
}

export function addToCart(lines: CartLine[], item: Omit<CartLine, 'qty'>, qty = 1): CartLine[] {
  const existing = lines.find((l) => l.sku === item.sku);
  if (existing) return setQty(lines, item.sku, existing.qty + qty);
  if (lines.length >= MAX_LINES) return lines;
  return [...lines, { ...item, qty: clamp(qty) }];
}

export function setQty(lines: CartLine[], sku: string, qty: number): CartLine[] {
  if (!Number.isFinite(qty) || qty <= 0) return removeFromCart(lines, sku);
  return lines.map((l) => (l.sku === sku ? { ...l, qty: clamp(qty) } : l));
}

export function removeFromCart(lines: CartLine[], sku: string): CartLine[] {
  return lines.filter((l) => l.sku !== sku);
}

export function cartTotalCents(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.priceCents * l.qty, 0);
}

export function cartCount(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.qty, 0);
}

function clamp(qty: number): number {
  return Math.min(MAX_QTY, Math.max(1, Math.floor(qty)));
}
