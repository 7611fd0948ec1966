-- Webhook subscriptions (admin-managed). The secret is kept in clear because every delivery must be
-- signed with it (HMAC); it is returned once, at creation, and never by the API again.
CREATE TABLE webhooks (
    id          UUID          PRIMARY KEY,
    url         VARCHAR(2000) NOT NULL CHECK (url ~* '^https?://[^/?#@]+'),
    events      TEXT[]        NOT NULL
                CHECK (cardinality(events) BETWEEN 1 AND 3
                       AND events <@ ARRAY['order.created', 'order.status_changed', 'order.cancelled']::TEXT[]),
    description VARCHAR(500),
    secret      VARCHAR(100)  NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]+={0,2}$'),
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_created_idx ON webhooks (created_at);

-- The transactional outbox: one row per order change, written in the transaction of the change, so
-- an event exists exactly when its change committed. body is the exact JSON sent (and signed).
CREATE TABLE outbox_events (
    id            UUID        PRIMARY KEY,
    type          VARCHAR(40) NOT NULL
                  CHECK (type IN ('order.created', 'order.status_changed', 'order.cancelled', 'webhook.ping')),
    order_id      UUID        REFERENCES orders (id),
    body          TEXT        NOT NULL CHECK (body IS JSON OBJECT),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- set once the event has been fanned out into one delivery per matching webhook
    dispatched_at TIMESTAMPTZ,
    CHECK ((type = 'webhook.ping') = (order_id IS NULL)),
    CHECK (dispatched_at IS NULL OR dispatched_at >= created_at)
);
CREATE INDEX outbox_events_undispatched_idx ON outbox_events (created_at) WHERE dispatched_at IS NULL;
CREATE INDEX outbox_events_created_idx ON outbox_events (created_at);

-- One event to one webhook. Workers of several instances claim due rows with FOR UPDATE SKIP LOCKED
-- and hold them by a lease (lease_until) tagged with the claim's token: only the claimant may record
-- the attempt, and a crashed claimant's lease simply runs out (the row is claimed again).
CREATE TABLE webhook_deliveries (
    id               UUID         PRIMARY KEY,
    webhook_id       UUID         NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         UUID         NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
    status           VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts         INTEGER      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_status_code INTEGER      CHECK (last_status_code BETWEEN 100 AND 599),
    last_error       VARCHAR(500),
    next_attempt_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    lease_until      TIMESTAMPTZ,
    lease_token      UUID,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (event_id, webhook_id),
    -- only a pending delivery has a next attempt; only a succeeded one was delivered
    CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL)),
    CHECK ((status = 'SUCCEEDED') = (delivered_at IS NOT NULL)),
    CHECK (status = 'PENDING' OR attempts >= 1),
    CHECK ((lease_until IS NULL) = (lease_token IS NULL))
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC);

-- Every attempt, as it happened. The primary key makes recording the same attempt twice impossible.
CREATE TABLE webhook_delivery_attempts (
    delivery_id     UUID         NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt         INTEGER      NOT NULL CHECK (attempt >= 1),
    status_code     INTEGER      CHECK (status_code BETWEEN 100 AND 599),
    error           VARCHAR(500),
    attempted_at    TIMESTAMPTZ  NOT NULL,
    duration_ms     INTEGER      NOT NULL CHECK (duration_ms >= 0),
    next_attempt_at TIMESTAMPTZ,
    PRIMARY KEY (delivery_id, attempt),
    CHECK (status_code IS NOT NULL OR error IS NOT NULL)
);
