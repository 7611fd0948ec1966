package io.orderfleet.common.events;

import java.util.List;

/**
 * A service's projection of the order events. {@link #apply} takes the events of one poll, in the order
 * they were read, and applies them in one transaction together with the record of their ids, so a
 * redelivered event (or one repeated within the list) changes nothing. It answers one outcome per event,
 * in the same order.
 */
@FunctionalInterface
public interface OrderEventProjection {

    enum Outcome { APPLIED, SKIPPED, DUPLICATE }

    List<Outcome> apply(List<OrderEvent> events);
}
