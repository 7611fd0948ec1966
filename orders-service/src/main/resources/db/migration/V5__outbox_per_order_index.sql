-- A delivery is only claimed when no earlier event of the same order is still pending for its webhook
-- (per-order delivery order): the claim looks an order's events up by order and time.
CREATE INDEX outbox_events_order_idx ON outbox_events (order_id, created_at) WHERE order_id IS NOT NULL;
