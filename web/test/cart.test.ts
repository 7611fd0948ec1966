import { describe, expect, it } from 'vitest';
import { addToCart, cartCount, cartTotalCents, loadCart, removeFromCart, saveCart, setQty } from '../src/cart';

const keyboard = { sku: 'KB-001', name: 'Keyboard', priceCents: 8900 };
const mouse = { sku: 'MS-001', name: 'Mouse', priceCents: 3400 };

describe('the cart', () => {
  it('adds items, merges the same SKU and totals in integer cents', () => {
    let cart = addToCart([], keyboard);
    cart = addToCart(cart, mouse, 2);
    cart = addToCart(cart, keyboard);
    expect(cart).toEqual([{ ...keyboard, qty: 2 }, { ...mouse, qty: 2 }]);
    expect(cartTotalCents(cart)).toBe(2 * 8900 + 2 * 3400);
    expect(cartCount(cart)).toBe(4);
  });

  it('clamps quantities to 1..1000 and removes a line set to zero', () => {
    let cart = addToCart([], keyboard);
    cart = setQty(cart, 'KB-001', 5000);
    expect(cart[0].qty).toBe(1000);
    cart = setQty(cart, 'KB-001', 2.7);
    expect(cart[0].qty).toBe(2);
    expect(setQty(cart, 'KB-001', 0)).toEqual([]);
    expect(setQty(cart, 'KB-001', Number.NaN)).toEqual([]);
    expect(removeFromCart(addToCart(cart, mouse), 'KB-001')).toEqual([{ ...mouse, qty: 1 }]);
  });

  it('survives a reload through storage and ignores garbage', () => {
    const storage = new Map<string, string>();
    const fake = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) } as unknown as Storage;
    saveCart(addToCart([], keyboard), fake);
    expect(loadCart(fake)).toEqual([{ ...keyboard, qty: 1 }]);
    storage.set('orderfleet.cart', '{not json');
    expect(loadCart(fake)).toEqual([]);
  });
});
