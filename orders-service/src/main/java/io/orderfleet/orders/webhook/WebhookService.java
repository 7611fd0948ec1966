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
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final Map<String, String> DELIVERY_SORT = Map.of("createdAt", "createdAt");

    private final WebhookRepository webhooks;
    private final OutboxEventRepository outbox;
    private final DeliveryRepository deliveries;
    private final WebhookUrls urls;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    WebhookService(WebhookRepository webhooks, OutboxEventRepository outbox, DeliveryRepository deliveries,
            WebhookUrls urls, JsonMapper json) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.deliveries = deliveries;
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
        WebhookView created = webhooks.save(Webhook.create(url, events, description, secret)).view();
        // the URL's path or query may carry the receiver's own token: log its host only
        log.info("Webhook {} created for host {} on {}", created.id(), java.net.URI.create(url).getHost(), created.events());
        return new CreatedWebhook(created.id(), created.url(), created.events(), created.description(),
                created.createdAt(), secret);
    }

    @Transactional(readOnly = true)
    List<WebhookView> list() {
        return webhooks.findAll(Sort.by("createdAt", "id")).stream().map(Webhook::view).toList();
    }

    void delete(UUID id) {
        if (webhooks.deleteWebhook(id) == 0) {
            throw notFound();
        }
        log.info("Webhook {} deleted", id);
    }

    @Transactional
    DeliveryView ping(UUID webhookId) {
        Webhook webhook = webhooks.findById(webhookId).orElseThrow(WebhookService::notFound);
        UUID eventId = UUID.randomUUID();
        String body = json.writeValueAsString(new WebhookMessage(eventId.toString(), "webhook.ping", Instant.now(),
                Map.of("webhookId", webhookId.toString())));
        OutboxEvent ping = outbox.save(OutboxEvent.ping(eventId, body));
        return deliveries.save(WebhookDelivery.due(webhook, ping)).view();
    }

    @Transactional(readOnly = true)
    PageResponse<DeliveryView> deliveries(UUID webhookId, Integer page, Integer size) {
        PageQuery query = PageQuery.of(page, size, null, DELIVERY_SORT, "createdAt,desc");
        if (!webhooks.existsById(webhookId)) {
            throw notFound();
        }
        Sort sort = Sort.by(Sort.Direction.fromString(query.orderBy().split(" ")[1]), "createdAt").and(Sort.by("id"));
        Page<WebhookDelivery> found = deliveries.findByWebhookId(webhookId, PageRequest.of(query.page(), query.size(), sort));
        return PageResponse.of(found.getContent().stream().map(WebhookDelivery::view).toList(), query,
                found.getTotalElements());
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No such webhook.");
    }
}
