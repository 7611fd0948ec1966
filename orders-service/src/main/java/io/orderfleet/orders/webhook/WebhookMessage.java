package io.orderfleet.orders.webhook;

import java.time.Instant;

/**
 * The body of every webhook request (Standard Webhooks): {@code id} equals the {@code webhook-id}
 * header and stays the same across retries; {@code timestamp} is when the event happened.
 */
record WebhookMessage(String id, String type, Instant timestamp, Object data) {
}
