package io.orderfleet.orders.webhook;

import java.util.UUID;

/**
 * A delivery claimed by one worker, with what it needs to send and sign it, and the W3C trace context
 * stored with its event (null when the change was not traced, e.g. a ping) for the attempt's span link.
 */
record DueDelivery(UUID id, UUID webhookId, UUID eventId, int attempts, String url, String secret, String body,
        String traceparent) {

    @Override
    public String toString() {
        // the secret signs deliveries; it must never reach a log line
        return "DueDelivery[id=" + id + ", webhookId=" + webhookId + ", eventId=" + eventId + ", attempts=" + attempts
                + ", url=" + url + "]";
    }
}
