-- Hibernate allocates ledger ids from this sequence 50 at a time (pooled optimizer), so a batch of
-- movements costs no round trip per row; the column default keeps working for hand-written inserts.
ALTER SEQUENCE stock_movements_id_seq INCREMENT BY 50;

-- ids are allocated per instance in blocks, so "newest first" is ordered by time, then id
DROP INDEX stock_movements_sku_idx;
CREATE INDEX stock_movements_sku_created_idx ON stock_movements (sku, created_at DESC, id DESC);
