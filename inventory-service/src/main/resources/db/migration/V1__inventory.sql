CREATE TABLE items (
    sku           VARCHAR(64)   PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,63}$'),
    name          VARCHAR(200)  NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description   VARCHAR(2000),
    price_cents   BIGINT        NOT NULL CHECK (price_cents >= 0),
    -- the database, not only the code, refuses to oversell
    available     INTEGER       NOT NULL CHECK (available >= 0),
    reserved      INTEGER       NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    initial_stock INTEGER       NOT NULL CHECK (initial_stock >= 0),
    archived      BOOLEAN       NOT NULL DEFAULT FALSE,
    version       BIGINT        NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX items_name_idx ON items (lower(name));
CREATE INDEX items_available_idx ON items (available) WHERE NOT archived;

-- delta is the change of `available`: initial_stock + sum(delta) = available, and
-- initial_stock + sum(delta of ADJUSTMENT) = available + reserved (units held by active reservations)
CREATE TABLE stock_movements (
    id         BIGSERIAL    PRIMARY KEY,
    sku        VARCHAR(64)  NOT NULL REFERENCES items (sku),
    delta      INTEGER      NOT NULL CHECK (delta <> 0),
    reason     VARCHAR(200) NOT NULL,
    kind       VARCHAR(12)  NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RESERVATION', 'RELEASE')),
    order_id   UUID,
    actor_id   VARCHAR(64),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((kind = 'ADJUSTMENT') = (order_id IS NULL))
);
CREATE INDEX stock_movements_sku_idx ON stock_movements (sku, id DESC);

-- one row per orderId, ever: the primary key makes reserve idempotent and a RELEASED row without
-- request_hash is the tombstone that refuses a late reserve
CREATE TABLE reservations (
    order_id     UUID        PRIMARY KEY,
    status       VARCHAR(10) NOT NULL CHECK (status IN ('ACTIVE', 'RELEASED')),
    request_hash CHAR(64),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    released_at  TIMESTAMPTZ,
    CHECK (status = 'RELEASED' OR request_hash IS NOT NULL)
);

CREATE TABLE reservation_lines (
    order_id         UUID         NOT NULL REFERENCES reservations (order_id),
    sku              VARCHAR(64)  NOT NULL REFERENCES items (sku),
    name             VARCHAR(200) NOT NULL,
    qty              INTEGER      NOT NULL CHECK (qty BETWEEN 1 AND 1000),
    unit_price_cents BIGINT       NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX reservation_lines_sku_idx ON reservation_lines (sku);
