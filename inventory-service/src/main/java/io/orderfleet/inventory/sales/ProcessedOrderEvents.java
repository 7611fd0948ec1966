package io.orderfleet.inventory.sales;

import io.orderfleet.common.events.OrderEventClaims;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ProcessedOrderEvents extends Repository<ProcessedOrderEvent, UUID> {

    /**
     * Of the events {@code ids[i]} (of type {@code types[i]}), the ids this transaction is the first to
     * apply, in one statement ({@link OrderEventClaims}).
     */
    @Transactional
    @Query(value = OrderEventClaims.CLAIM_SQL, nativeQuery = true)
    List<UUID> claim(@Param("ids") UUID[] ids, @Param("types") String[] types);
}
