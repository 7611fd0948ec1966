package io.orderfleet.common.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Claims the event ids of a poll with one statement of the service's processed-events table (ids and
 * types as arrays, answering the ids it inserted). Each id is passed once, in ascending order, so two
 * transactions that claim overlapping ids lock the rows in the same order and never deadlock.
 */
public final class OrderEventClaims {

    /**
     * The claim for a Spring Data repository of a service's {@code processed_order_events (event_id UUID
     * PRIMARY KEY, type, processed_at DEFAULT now())}, as a native {@code @Query} taking {@code :ids} and
     * {@code :types} and answering the inserted ids. A concurrent duplicate (a rebalance hands the
     * partition to another instance mid-poll) waits on the primary key until the first transaction ends,
     * then is left out, or claimed if the first rolled back.
     */
    public static final String CLAIM_SQL = """
            INSERT INTO processed_order_events (event_id, type)
            SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS varchar[]))
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id""";

    private OrderEventClaims() {
    }

    /**
     * The ids this transaction is the first to apply. A projection applies an event if {@code remove}ing its
     * id from the answer succeeds: a later copy of it in the same poll then finds it gone.
     */
    public static Set<UUID> claim(List<OrderEvent> events, BiFunction<UUID[], String[], List<UUID>> insertNew) {
        TreeMap<UUID, String> distinct = new TreeMap<>();
        events.forEach(event -> distinct.putIfAbsent(event.id(), event.type()));
        return new HashSet<>(insertNew.apply(distinct.keySet().toArray(UUID[]::new),
                distinct.values().toArray(String[]::new)));
    }
}
