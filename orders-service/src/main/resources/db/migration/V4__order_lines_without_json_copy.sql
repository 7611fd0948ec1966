-- One place for an order's lines: order_items. A line is priced (name and unit price from inventory)
-- once the order is confirmed; before that, and for orders never confirmed, it holds only the SKU and
-- quantity asked for, which used to live in the JSONB copy orders.requested_lines.
ALTER TABLE order_items ALTER COLUMN name DROP NOT NULL;
ALTER TABLE order_items ALTER COLUMN unit_price_cents DROP NOT NULL;
ALTER TABLE order_items ADD CONSTRAINT order_items_priced_check CHECK ((name IS NULL) = (unit_price_cents IS NULL));

-- existing orders stay readable: those without priced lines get the lines they asked for
INSERT INTO order_items (order_id, sku, qty)
SELECT o.id, line ->> 'sku', CAST(line ->> 'qty' AS integer)
FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.requested_lines) AS line
WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)
ON CONFLICT (order_id, sku) DO NOTHING;

ALTER TABLE orders DROP COLUMN requested_lines;

-- Hibernate takes event ids 50 at a time from the sequence (pooled), so a batch of inserts costs no
-- round trip per row; ids already used stay below the next block
ALTER SEQUENCE order_events_id_seq INCREMENT BY 50;
