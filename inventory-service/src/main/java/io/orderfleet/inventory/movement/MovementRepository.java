package io.orderfleet.inventory.movement;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface MovementRepository extends JpaRepository<StockMovement, Long> {

    /** Newest first: by time, then id (ids are allocated in blocks per instance, so they alone are not an order). */
    Page<StockMovement> findBySkuOrderByCreatedAtDescIdDesc(String sku, Pageable page);
}
