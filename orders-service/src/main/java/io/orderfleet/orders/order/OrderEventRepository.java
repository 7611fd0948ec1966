package io.orderfleet.orders.order;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrderEventRepository extends JpaRepository<OrderEvent, Long> {

    @Query("""
            select new io.orderfleet.orders.order.OrderEventView(e.id, e.order.id, e.type, e.description, e.oldValue,
                e.newValue, e.actorId, e.createdAt)
            from OrderEvent e where e.order.id = :orderId order by e.createdAt, e.id""")
    List<OrderEventView> trail(UUID orderId);
}
