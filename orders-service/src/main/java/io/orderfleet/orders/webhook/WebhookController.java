package io.orderfleet.orders.webhook;

import io.orderfleet.common.web.PageResponse;
import io.orderfleet.orders.webhook.WebhookDtos.CreateWebhookRequest;
import io.orderfleet.orders.webhook.WebhookDtos.CreatedWebhook;
import io.orderfleet.orders.webhook.WebhookDtos.DeliveryView;
import io.orderfleet.orders.webhook.WebhookDtos.WebhookView;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions: administrators only. */
@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('ADMIN')")
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    ResponseEntity<CreatedWebhook> create(@Valid @RequestBody CreateWebhookRequest request) {
        CreatedWebhook created = webhooks.create(request);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
    }

    @GetMapping
    List<WebhookView> list() {
        return webhooks.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/ping")
    ResponseEntity<DeliveryView> ping(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.ping(id));
    }

    @GetMapping("/{id}/deliveries")
    PageResponse<DeliveryView> deliveries(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return webhooks.deliveries(id, page, size);
    }
}
