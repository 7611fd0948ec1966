-- Per-user order totals, projected from the order events on Kafka (package io.orderfleet.users.ordertotals).

-- every order event this service has applied, written in the same transaction as its effect:
-- a redelivered event finds its id here and changes nothing
CREATE TABLE processed_order_events (
    event_id     UUID         PRIMARY KEY,
    type         VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- one row per order a user placed, as its events told it; the admin views aggregate these per user.
-- No foreign key to users: an event is never refused because of the order in which databases were restored.
CREATE TABLE customer_orders (
    order_id    UUID        PRIMARY KEY,
    user_id     BIGINT      NOT NULL,
    placed_at   TIMESTAMPTZ NOT NULL,
    total_cents BIGINT      NOT NULL CHECK (total_cents >= 0),
    confirmed   BOOLEAN     NOT NULL DEFAULT FALSE,
    cancelled   BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX customer_orders_user_idx ON customer_orders (user_id);
