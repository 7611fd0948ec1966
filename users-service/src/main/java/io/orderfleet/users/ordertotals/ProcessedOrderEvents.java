package io.orderfleet.users.ordertotals;

import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface ProcessedOrderEvents extends Repository<ProcessedOrderEvent, UUID> {

    /**
     * 1 if this transaction is the first to apply the event, 0 if it was applied before. A concurrent
     * duplicate (a rebalance hands the partition to another instance mid-record) waits on the primary
     * key until the first transaction ends, then gets 0, or 1 if the first rolled back.
     */
    @Modifying
    @Query(value = "INSERT INTO processed_order_events (event_id, type) VALUES (:id, :type) ON CONFLICT (event_id) DO NOTHING",
            nativeQuery = true)
    int claim(@Param("id") UUID eventId, @Param("type") String type);
}
