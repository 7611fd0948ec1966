package io.orderfleet.inventory.reservation;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ReservationRepository extends JpaRepository<StockReservation, UUID> {

    /**
     * Claims the orderId for a reserve: 1 if this transaction inserted the row, 0 if it exists. A
     * concurrent duplicate waits on the primary key until the first transaction ends, then gets 0 and
     * replays the winner's row (or 1 if the winner rolled back). A JPA persist would fail instead and
     * abort the transaction.
     */
    @Transactional
    @Modifying
    @Query(value = "INSERT INTO reservations (order_id, status, request_hash) VALUES (:orderId, 'ACTIVE', :hash)"
            + " ON CONFLICT (order_id) DO NOTHING", nativeQuery = true)
    int claim(@Param("orderId") UUID orderId, @Param("hash") String requestHash);

    /** Leaves a RELEASED row without lines for an orderId never reserved: 1 if inserted, 0 if the row exists. */
    @Transactional
    @Modifying
    @Query(value = "INSERT INTO reservations (order_id, status, released_at) VALUES (:orderId, 'RELEASED', now())"
            + " ON CONFLICT (order_id) DO NOTHING", nativeQuery = true)
    int tombstone(@Param("orderId") UUID orderId);

    /** Serialises releases of one order, so its units are given back once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT r FROM StockReservation r WHERE r.orderId = :orderId")
    Optional<StockReservation> findForUpdate(@Param("orderId") UUID orderId);
}
