-- The W3C trace context (version-traceid-parentid-flags) of the request that placed the order. The
-- background workers (reconciliation, stock release) run long after that request; each of their spans
-- carries a link to this context, so an operator gets from an order's placement to the work done for
-- it later, and back (docs/observability.md). Null for orders placed untraced or before this column.
ALTER TABLE orders ADD COLUMN traceparent VARCHAR(55)
    CHECK (traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
