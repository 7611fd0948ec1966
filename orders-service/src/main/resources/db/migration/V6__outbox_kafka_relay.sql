-- The Kafka relay (io.orderfleet.orders.events) publishes every order event of the outbox to the topic
-- orderfleet.orders.v1, independently of the webhook fan-out (dispatched_at). published_at is set once
-- the broker acknowledged the record. Events already in the outbox are published once too, so the
-- consumers start from the retained history.
ALTER TABLE outbox_events ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE outbox_events ADD CONSTRAINT outbox_events_published_after_created
    CHECK (published_at IS NULL OR published_at >= created_at);
-- the W3C trace context of the change (version-traceid-parentid-flags), carried in the record's headers
ALTER TABLE outbox_events ADD COLUMN traceparent VARCHAR(55)
    CHECK (traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
-- what the relay still has to publish, oldest first (pings are for webhooks only)
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (created_at, id)
    WHERE published_at IS NULL AND order_id IS NOT NULL;
