package io.orderfleet.inventory.reservation;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReservationLineRepository extends JpaRepository<ReservationLine, ReservationLine.Key> {

    List<ReservationLine> findByOrderIdOrderBySku(UUID orderId);
}
