package io.orderfleet.orders.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The webhook API's shapes. The secret appears in {@link CreatedWebhook} only. */
final class WebhookDtos {

    static final String EVENT_TYPES = "order\\.created|order\\.status_changed|order\\.cancelled";

    private WebhookDtos() {
    }

    record CreateWebhookRequest(
            @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String url,
            @NotNull(message = "is required") @Size(min = 1, max = 3, message = "must list 1 to 3 event types")
            List<@NotNull(message = "must not be null") @Pattern(regexp = EVENT_TYPES,
                    message = "must be one of order.created, order.status_changed, order.cancelled") String> events,
            @Size(max = 500, message = "must be at most 500 characters") String description) {
    }

    /** The API's {@code Webhook} as listed: never with its secret. */
    record WebhookView(UUID id, String url, List<String> events, String description, Instant createdAt) {
    }

    /** The answer to a creation: the only time the secret is shown. */
    record CreatedWebhook(UUID id, String url, List<String> events, String description, Instant createdAt,
            String secret) {

        @Override
        public String toString() {
            return "CreatedWebhook[id=" + id + ", url=" + url + ", secret=<hidden>]";
        }
    }

    /** The API's {@code Delivery}: one event to one webhook, with the outcome of its latest attempt. */
    record DeliveryView(UUID id, UUID eventId, String type, String status, int attempts, Integer lastStatusCode,
            String lastError, Instant nextAttemptAt, Instant deliveredAt) {
    }
}
