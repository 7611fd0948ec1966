package io.orderfleet.orders.webhook;

import io.orderfleet.orders.events.KafkaConfigured;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the outbox to the receivers, on every instance: fans new events out into deliveries, then
 * claims due deliveries ({@code FOR UPDATE SKIP LOCKED} + a lease, like the order reconciler) and sends
 * each claimed one once, concurrently on virtual threads. An attempt is recorded only under the claim
 * that made it; a crashed instance's claims expire after the lease and are taken up again.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int DISPATCH_BATCH = 500;

    private final OutboxEventRepository outbox;
    private final DeliveryRepository deliveries;
    private final AttemptRecorder recorder;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final Backoff backoff;
    private final boolean keepUnpublished;

    DeliveryWorker(OutboxEventRepository outbox, DeliveryRepository deliveries, AttemptRecorder recorder,
            WebhookSender sender, WebhookProperties properties, WebhookMetrics metrics, Environment environment) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.recorder = recorder;
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
        this.backoff = new Backoff(properties);
        // the outbox is the Kafka relay's too: an event the broker has not acknowledged is not purged
        this.keepUnpublished = KafkaConfigured.in(environment);
    }

    @Scheduled(fixedDelayString = "${orderfleet.webhooks.poll-interval:1s}", initialDelayString = "1s")
    void run() {
        try {
            while (outbox.dispatch(DISPATCH_BATCH) == DISPATCH_BATCH) {
                // a backlog: keep fanning out before sending
            }
            while (deliverDue() == properties.batchSize()) {
                // a full batch: more may be due right now
            }
        } catch (DataAccessException e) {
            log.warn("Webhook delivery run postponed: {}", e.getMessage());
        }
    }

    /** Claims one batch of due deliveries, sends them and records the attempts; returns how many were claimed. */
    int deliverDue() {
        UUID token = UUID.randomUUID();
        List<DueDelivery> claimed = deliveries.claimDue(token, properties.lease(), properties.batchSize());
        if (claimed.isEmpty()) {
            return 0;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sends = new ArrayList<>(claimed.size());
            for (DueDelivery delivery : claimed) {
                sends.add(threads.submit(() -> attempt(delivery, token)));
            }
            for (Future<?> send : sends) {
                try {
                    send.get();
                } catch (Exception e) {
                    log.warn("Webhook attempt failed to complete: {}", e.getMessage());
                }
            }
        }
        return claimed.size();
    }

    private void attempt(DueDelivery delivery, UUID token) {
        AttemptOutcome outcome = sender.send(delivery);
        metrics.attempt(outcome);
        int attempt = delivery.attempts() + 1;
        String status;
        Instant next = null;
        if (outcome.succeeded()) {
            status = "SUCCEEDED";
        } else if (attempt >= properties.maxAttempts()) {
            status = "FAILED";
        } else {
            status = "PENDING";
            // the pause counts from the end of the attempt, so a slow receiver does not shorten it
            next = outcome.attemptedAt().plusMillis(outcome.durationMillis())
                    .plus(backoff.after(attempt, ThreadLocalRandom.current().nextDouble()));
        }
        if (!recorder.record(delivery, token, outcome, status, next)) {
            log.info("Attempt {} of delivery {} not recorded: its claim was lost or its webhook deleted", attempt,
                    delivery.id());
            return;
        }
        if (status.equals("SUCCEEDED")) {
            metrics.succeeded();
        } else if (status.equals("FAILED")) {
            metrics.failed();
            log.info("Webhook delivery {} of event {} failed after {} attempts: {}", delivery.id(), delivery.eventId(),
                    attempt, outcome.error());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void purge() {
        int purged = outbox.purge(Instant.now().minus(properties.retention()), keepUnpublished);
        if (purged > 0) {
            log.info("Purged {} delivered outbox events older than {}", purged, properties.retention());
        }
    }
}
