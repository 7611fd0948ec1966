package io.orderfleet.orders.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox's order events to Kafka, on every instance: claims a batch (one event per order,
 * oldest first, rows locked with SKIP LOCKED so two instances never send the same row at once), sends it
 * with the idempotent producer (acks=all, key = order id), and marks published only what the broker
 * acknowledged, in the claim's transaction. Delivery is at least once: a crash between the ack and the
 * commit sends the event again. A failed batch pauses the relay with exponential backoff; the outbox
 * keeps growing meanwhile (orders are still placed) and is caught up once the broker answers again.
 */
@Component
@Conditional(KafkaConfigured.class)
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayOutbox outbox;
    private final OrderEventEnvelope envelope;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transactions;
    private final EventsProperties properties;
    private final RelayMetrics metrics;
    private int failures;
    private Instant pausedUntil = Instant.MIN;

    OutboxRelay(RelayOutbox outbox, OrderEventEnvelope envelope, KafkaTemplate<String, String> kafka,
            TransactionTemplate transactions, EventsProperties properties, RelayMetrics metrics) {
        this.outbox = outbox;
        this.envelope = envelope;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${orderfleet.events.poll-interval:200ms}", initialDelayString = "1s")
    synchronized void run() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        try {
            Batch batch;
            do {
                batch = publishBatch();
                if (batch.failure() != null) {
                    paused(batch);
                    return;
                }
            } while (batch.claimed() == properties.batchSize());
            resumed();
        } catch (DataAccessException e) {
            log.warn("Order event relay postponed: {}", e.getMessage());
        }
    }

    /** What one batch did: how many events it claimed and published, and the first failure if any. */
    record Batch(int claimed, int published, Exception failure) {
    }

    /** Claims, sends and marks one batch in one transaction; returns what happened. */
    Batch publishBatch() {
        return transactions.execute(tx -> {
            List<PendingEvent> claimed = outbox.claim(properties.batchSize());
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(claimed.size());
            Exception failure = null;
            List<PendingEvent> sent = new ArrayList<>(claimed.size());
            List<UUID> unpublishable = new ArrayList<>();
            for (PendingEvent event : claimed) {
                ProducerRecord<String, String> record;
                try {
                    record = record(event);
                } catch (RuntimeException e) {
                    // a row no envelope can be made of would block its order and the whole relay forever
                    log.error("Outbox event {} of order {} cannot be made into an order event and is skipped: {}",
                            event.id(), event.orderId(), e.toString());
                    unpublishable.add(event.id());
                    continue;
                }
                CompletableFuture<SendResult<String, String>> send;
                try {
                    send = kafka.send(record);
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
                sends.add(send);
                sent.add(event);
                if (send.isCompletedExceptionally()) {
                    // failed before it left (e.g. no metadata within max.block.ms): the broker is away and
                    // every further send of the batch would block as long
                    break;
                }
            }
            List<UUID> acknowledged = new ArrayList<>(sends.size());
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged.add(sent.get(i).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? e : failure;
                    break;
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            // each order has at most one event in the batch, so marking every acknowledged one (not only
            // a prefix) never lets a later event of an order overtake an earlier one
            outbox.markPublished(acknowledged);
            outbox.markPublished(unpublishable);
            metrics.published(acknowledged.size());
            metrics.skipped(unpublishable.size());
            metrics.failed(claimed.size() - acknowledged.size() - unpublishable.size());
            return new Batch(claimed.size(), acknowledged.size(), failure);
        });
    }

    private ProducerRecord<String, String> record(PendingEvent event) {
        var record = new ProducerRecord<String, String>(properties.topic(), event.orderId().toString(),
                envelope.of(event));
        if (event.traceparent() != null) {
            record.headers().add("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private void paused(Batch batch) {
        failures++;
        var pause = properties.backoffAfter(failures);
        pausedUntil = Instant.now().plus(pause);
        Throwable cause = batch.failure().getCause() != null ? batch.failure().getCause() : batch.failure();
        if (failures == 1) {
            log.warn("Publishing order events to Kafka failed ({} of {} sent): {}; retrying with backoff, the outbox keeps them",
                    batch.published(), batch.claimed(), cause.toString());
        } else {
            log.debug("Publishing order events still failing (attempt {}, next in {}): {}", failures, pause, cause.toString());
        }
    }

    private void resumed() {
        if (failures > 0) {
            log.info("Publishing order events to Kafka resumed after {} failed attempts", failures);
            failures = 0;
            pausedUntil = Instant.MIN;
        }
    }
}
