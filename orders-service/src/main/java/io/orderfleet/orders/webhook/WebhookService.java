package io.orderfleet.orders.webhook;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.orders.webhook.WebhookDtos.CreateWebhookRequest;
import io.orderfleet.orders.webhook.WebhookDtos.CreatedWebhook;
import io.orderfleet.orders.webhook.WebhookDtos.DeliveryView;
import io.orderfleet.orders.webhook.WebhookDtos.WebhookView;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final Map<String, String> DELIVERY_SORT = Map.of("createdAt", "created_at");

    private final WebhookRepository repository;
    private final WebhookUrls urls;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    WebhookService(WebhookRepository repository, WebhookUrls urls, JsonMapper json) {
        this.repository = repository;
        this.urls = urls;
        this.json = json;
    }

    /** Validates the URL outside any transaction (it resolves the host), then stores the webhook. */
    CreatedWebhook create(CreateWebhookRequest request) {
        String url = urls.validate(request.url());
        List<String> events = request.events().stream().distinct().toList();
        String description = request.description() == null || request.description().isBlank() ? null
                : request.description().trim();
        String secret = WebhookSignatures.newSecret(random);
        WebhookView created = repository.insertWebhook(UUID.randomUUID(), url, events, description, secret);
        // the URL's path or query may carry the receiver's own token: log its host only
        log.info("Webhook {} created for host {} on {}", created.id(), java.net.URI.create(url).getHost(), created.events());
        return new CreatedWebhook(created.id(), created.url(), created.events(), created.description(),
                created.createdAt(), secret);
    }

    List<WebhookView> list() {
        return repository.webhooks();
    }

    void delete(UUID id) {
        if (!repository.deleteWebhook(id)) {
            throw notFound();
        }
        log.info("Webhook {} deleted", id);
    }

    @Transactional
    DeliveryView ping(UUID webhookId) {
        if (!repository.exists(webhookId)) {
            throw notFound();
        }
        UUID eventId = UUID.randomUUID();
        String body = json.writeValueAsString(new WebhookMessage(eventId.toString(), "webhook.ping", Instant.now(),
                Map.of("webhookId", webhookId.toString())));
        UUID deliveryId = repository.insertPing(eventId, webhookId, body);
        return repository.delivery(deliveryId).orElseThrow();
    }

    @Transactional(readOnly = true)
    PageResponse<DeliveryView> deliveries(UUID webhookId, Integer page, Integer size) {
        PageQuery query = PageQuery.of(page, size, null, DELIVERY_SORT, "createdAt,desc");
        if (!repository.exists(webhookId)) {
            throw notFound();
        }
        return PageResponse.of(repository.deliveries(webhookId, query), query, repository.countDeliveries(webhookId));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No such webhook.");
    }
}
