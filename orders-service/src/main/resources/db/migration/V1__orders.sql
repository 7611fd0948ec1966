CREATE TABLE orders (
    id              UUID        PRIMARY KEY,
    user_id         BIGINT      NOT NULL,
    status          VARCHAR(10) NOT NULL
                    CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED')),
    total_cents     BIGINT      NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    -- what the client asked for ([{sku, qty}]), kept for reconciliation
    requested_lines JSONB       NOT NULL,
    -- stock may be held for this dead order: the release worker calls inventory until it acknowledges
    release_pending BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (NOT release_pending OR status IN ('REJECTED', 'CANCELLED'))
);
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC);
CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'PENDING';
CREATE INDEX orders_release_idx ON orders (updated_at) WHERE release_pending;

CREATE TABLE order_items (
    order_id         UUID         NOT NULL REFERENCES orders (id),
    sku              VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    qty              INTEGER      NOT NULL CHECK (qty BETWEEN 1 AND 1000),
    unit_price_cents BIGINT       NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE order_events (
    id          BIGSERIAL    PRIMARY KEY,
    order_id    UUID         NOT NULL REFERENCES orders (id),
    type        VARCHAR(32)  NOT NULL,
    description VARCHAR(500) NOT NULL,
    old_value   VARCHAR(32),
    new_value   VARCHAR(32),
    actor_id    VARCHAR(64),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- one Idempotency-Key per user maps to at most one order: the primary key decides races
CREATE TABLE idempotency_keys (
    user_id      BIGINT       NOT NULL,
    key          VARCHAR(255) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    order_id     UUID         NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
