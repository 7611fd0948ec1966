package io.orderfleet.orders.observability;

import io.micrometer.observation.Observation;

/**
 * The context of an observation of background work done for something a request started long ago (a
 * webhook delivery attempt for an order change): its span is the root of a trace of its own, with a
 * span link to {@code linkedTraceparent} (the W3C trace context stored with the work) when that is a
 * valid one. Spans started inside it (HTTP client calls, statements) are its children as usual.
 */
public class LinkedRootSpanContext extends Observation.Context {

    private final String linkedTraceparent;

    /** @param linkedTraceparent the stored W3C {@code traceparent} to link to; null or malformed: no link */
    public LinkedRootSpanContext(String linkedTraceparent) {
        this.linkedTraceparent = linkedTraceparent;
    }

    public String linkedTraceparent() {
        return linkedTraceparent;
    }
}
