package io.orderfleet.orders;

import io.orderfleet.orders.order.OrderChanged;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Listens like the webhook outbox does (synchronously) and remembers whether a transaction was open. */
@Component
class OrderChangedRecorder {

    record Seen(OrderChanged event, boolean inTransaction) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderChanged event) {
        seen.add(new Seen(event, TransactionSynchronizationManager.isActualTransactionActive()));
    }

    List<Seen> of(UUID orderId) {
        return seen.stream().filter(s -> s.event().orderId().equals(orderId)).toList();
    }
}
