package io.orderfleet.orders.webhook;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeliveryAttemptRepository extends JpaRepository<DeliveryAttempt, DeliveryAttempt.Id> {
}
