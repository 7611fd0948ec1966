-- Sales velocity, projected from the order events on Kafka (package io.orderfleet.inventory.sales).

-- every order event this service has applied, written in the same transaction as its effect:
-- a redelivered event finds its id here and changes nothing
CREATE TABLE processed_order_events (
    event_id     UUID         PRIMARY KEY,
    type         VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- one row per SKU line of an order whose confirmation was counted, on the UTC day of the confirmation;
-- a cancellation of that order marks its rows (their units no longer count as sold), a cancellation of
-- an order that was never confirmed finds no row and changes nothing
CREATE TABLE order_sales (
    order_id     UUID        NOT NULL,
    sku          VARCHAR(64) NOT NULL,
    qty          INTEGER     NOT NULL CHECK (qty > 0),
    sold_on      DATE        NOT NULL,
    cancelled_on DATE,
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX order_sales_sku_day_idx ON order_sales (sku, sold_on) WHERE cancelled_on IS NULL;
