package io.orderfleet.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderfleet.orders.OrdersTestBase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Several workers over one database, crashed claims, and the send-time SSRF check, with real HTTP. */
class DeliveryWorkersTest extends OrdersTestBase {

    @Autowired
    WebhookRepository repository;
    @Autowired
    OutboxEventRepository outbox;
    @Autowired
    DeliveryRepository deliveryRepository;
    @Autowired
    AttemptRecorder recorder;
    @PersistenceContext
    EntityManager entityManager;
    @Autowired
    WebhookService service;
    @Autowired
    WebhookProperties properties;
    @Autowired
    WebhookMetrics metrics;
    @Autowired
    PlatformTransactionManager transactions;

    private final List<UUID> webhooks = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        webhooks.forEach(repository::deleteWebhook);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private UUID webhookFor(WebhookReceiver receiver) {
        UUID id = service.create(new WebhookDtos.CreateWebhookRequest(receiver.url(), List.of("order.cancelled"), null)).id();
        webhooks.add(id);
        return id;
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        closeables.add(receiver);
        return receiver;
    }

    private Map<String, Long> statuses(UUID webhookId) {
        return jdbc.sql("SELECT status, count(*) AS n FROM webhook_deliveries WHERE webhook_id = :id GROUP BY status")
                .param("id", webhookId).query((rs, i) -> Map.entry(rs.getString("status"), rs.getLong("n"))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void workersOfSeveralInstancesRacingOverTheSameRowsSendEveryAttemptExactlyOnce() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.started().taking(5));
        UUID webhookId = webhookFor(receiver);
        int deliveries = 60;
        // all become due in the same instant, while the workers of two instances (and this context's own)
        // are already polling for them
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            IntStream.range(0, deliveries).forEach(i -> service.ping(webhookId));
            entityManager.flush();
            jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 second' WHERE webhook_id = :id")
                    .param("id", webhookId).update();
        });
        WebhookProperties smallBatches = new WebhookProperties(true, 5, Duration.ofMillis(200), 2.0,
                Duration.ofSeconds(2), 0.2, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(60), 3,
                Duration.ofDays(7));
        List<DeliveryWorker> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WebhookSender sender = new WebhookSender(new TargetGuard(true), Duration.ofSeconds(5), java.time.Clock.systemUTC());
            closeables.add(sender);
            instances.add(new DeliveryWorker(outbox, deliveryRepository, recorder, sender, smallBatches, metrics,
                    new org.springframework.core.env.StandardEnvironment()));
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger claimedByInstances = new AtomicInteger();
        List<CompletableFuture<Void>> racing = instances.stream().map(worker -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (statuses(webhookId).getOrDefault("PENDING", 0L) > 0 && Instant.now().isBefore(deadline)) {
                claimedByInstances.addAndGet(worker.deliverDue());
            }
        })).toList();
        start.countDown();
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses(webhookId).equals(Map.of("SUCCEEDED", (long) deliveries)));
        List<WebhookReceiver.Received> received = receiver.received();
        Set<String> ids = received.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet());
        assertThat(received).as("every delivery sent once").hasSize(deliveries);
        assertThat(ids).hasSize(deliveries);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
                WHERE d.webhook_id = :id AND d.attempts = 1 AND a.attempt = 1""").param("id", webhookId)
                .query(Long.class).single()).isEqualTo(deliveries);
        assertThat(claimedByInstances.get()).as("the racing instances did take part").isPositive();
    }

    private Map<String, Object> delivery(UUID id) {
        return jdbc.sql("SELECT status, attempts, lease_token FROM webhook_deliveries WHERE id = :id").param("id", id)
                .query().singleRow();
    }

    @Test
    void anOrdersNextEventWaitsWhileAnEarlierOneToTheSameWebhookIsRetriedButOtherOrdersDoNot() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        UUID webhookId = service.create(new WebhookDtos.CreateWebhookRequest(receiver.url(),
                List.of("order.created", "order.status_changed", "order.cancelled"), null)).id();
        webhooks.add(webhookId);
        UUID retried = UUID.randomUUID();
        UUID givenUp = UUID.randomUUID();
        UUID[] events = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        UUID[] deliveries = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (UUID order : List.of(retried, givenUp)) {
                jdbc.sql("INSERT INTO orders (id, user_id, status) VALUES (:id, 401, 'CONFIRMED')").param("id", order).update();
            }
            // per order: order.created 10 s ago, then order.status_changed 5 s ago
            for (int i = 0; i < 4; i++) {
                jdbc.sql("INSERT INTO outbox_events (id, type, order_id, body, created_at, dispatched_at) VALUES (:id, :type,"
                                + " :order, '{}', now() - make_interval(secs => :age), now())")
                        .param("id", events[i]).param("type", i % 2 == 0 ? "order.created" : "order.status_changed")
                        .param("order", i < 2 ? retried : givenUp).param("age", i % 2 == 0 ? 10 : 5).update();
            }
            // the retried order's first event failed once and waits an hour for its retry; its second is due
            insertDelivery(deliveries[0], webhookId, events[0], "'PENDING', 1, 500, now() + interval '1 hour'");
            insertDelivery(deliveries[1], webhookId, events[1], "'PENDING', 0, NULL, now() - interval '2 seconds'");
            // the other order's first event was given up (FAILED); its second is due, a little later
            insertDelivery(deliveries[2], webhookId, events[2], "'FAILED', 5, 500, NULL");
            insertDelivery(deliveries[3], webhookId, events[3], "'PENDING', 0, NULL, now() - interval '1 second'");
        });

        // the workers claim by due time: a claim that took the later-due delivery saw the earlier one first
        await("the other order's event is delivered").atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(delivery(deliveries[3]).get("status")));
        assertThat(delivery(deliveries[1])).as("never claimed while the earlier event is retried")
                .containsEntry("status", "PENDING").containsEntry("attempts", 0).containsEntry("lease_token", null);
        assertThat(receiver.withId(events[1].toString())).isEmpty();

        // the retry comes due and succeeds: only then does the next event of that order go out
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = :id").param("id", deliveries[0]).update();
        await("the retried order's events are delivered").atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(delivery(deliveries[1]).get("status")));
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id)
                .containsSubsequence(events[0].toString(), events[1].toString());
    }

    private void insertDelivery(UUID id, UUID webhookId, UUID eventId, String state) {
        jdbc.sql("INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, attempts, last_status_code, next_attempt_at)"
                        + " VALUES (:id, :webhook, :event, " + state + ")")
                .param("id", id).param("webhook", webhookId).param("event", eventId).update();
    }

    @Test
    void aCrashedWorkersClaimRunsOutAndIsTakenAgainWhileItsLateResultIsRefused() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        UUID webhookId = webhookFor(receiver);
        UUID crashedClaim = UUID.randomUUID();
        // a worker claimed the delivery (2 s lease) and died before sending
        DueDelivery claimed = new TransactionTemplate(transactions).execute(tx -> {
            UUID deliveryId = service.ping(webhookId).id();
            entityManager.flush();
            jdbc.sql("UPDATE webhook_deliveries SET lease_until = now() + interval '2 seconds', lease_token = :token"
                    + " WHERE id = :id").param("token", crashedClaim).param("id", deliveryId).update();
            return new DueDelivery(deliveryId, webhookId, null, 0, receiver.url(), "whsec_AAAA", "{}", null);
        });

        UUID probe = UUID.randomUUID();
        assertThat(deliveryRepository.claimDue(probe, Duration.ofSeconds(60), 1000))
                .as("nobody takes a claimed delivery while its lease runs").extracting(DueDelivery::id)
                .doesNotContain(claimed.id());
        jdbc.sql("UPDATE webhook_deliveries SET lease_until = NULL, lease_token = NULL WHERE lease_token = :probe")
                .param("probe", probe).update();

        await().atMost(Duration.ofSeconds(15)).until(() -> statuses(webhookId).equals(Map.of("SUCCEEDED", 1L)));
        assertThat(receiver.received()).hasSize(1);
        boolean recorded = recorder.record(claimed, crashedClaim,
                new AttemptOutcome(500, "HTTP 500", false, Instant.now(), 3), "PENDING", Instant.now());
        assertThat(recorded).as("the expired claim can no longer record anything").isFalse();
        assertThat(statuses(webhookId)).isEqualTo(Map.of("SUCCEEDED", 1L));
    }

    @Test
    void theSenderChecksTheAddressItConnectsToAtSendTimeNotOnlyAtCreation() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        String rebindingUrl = "http://hooks.example.test:" + receiver.port() + "/hook";
        // the name resolved to a public address when the webhook was created; now it answers loopback
        TargetGuard.HostResolver rebound = host -> {
            if (host.equals("hooks.example.test")) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }
            throw new UnknownHostException(host);
        };
        DueDelivery delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 0, rebindingUrl,
                WebhookSignatures.newSecret(new java.security.SecureRandom()), "{\"id\":\"x\"}", null);

        WebhookSender strict = new WebhookSender(new TargetGuard(false, rebound), Duration.ofSeconds(5),
                java.time.Clock.systemUTC());
        closeables.add(strict);
        AttemptOutcome refused = strict.send(delivery);

        assertThat(refused.refused()).isTrue();
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.error()).contains("127.0.0.1");
        assertThat(receiver.received()).as("nothing was sent").isEmpty();

        WebhookSender local = new WebhookSender(new TargetGuard(true, rebound), Duration.ofSeconds(5),
                java.time.Clock.systemUTC());
        closeables.add(local);
        AttemptOutcome sent = local.send(delivery);

        assertThat(sent.statusCode()).isEqualTo(204);
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().getFirst().host())
                .as("connected to the checked address, Host still names the URL's host")
                .isEqualTo("hooks.example.test:" + receiver.port());

        // the name answers a public address to the first question and loopback when the connection is opened
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard.HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {93, (byte) 184, (byte) 216, 34} : new byte[] {127, 0, 0, 1})};
        WebhookSender rebinder = new WebhookSender(new TargetGuard(false, rebinding), Duration.ofSeconds(5),
                java.time.Clock.systemUTC());
        closeables.add(rebinder);
        AttemptOutcome refusedOnConnect = rebinder.send(delivery);
        assertThat(lookups.get()).as("the connection resolved the name again").isEqualTo(2);
        assertThat(refusedOnConnect.refused()).isTrue();
        assertThat(refusedOnConnect.error()).contains("127.0.0.1");
        assertThat(receiver.received()).as("still only the one allowed request").hasSize(1);

        TargetGuard.HostResolver metadata = host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
        WebhookSender permissive = new WebhookSender(new TargetGuard(true, metadata), Duration.ofSeconds(5),
                java.time.Clock.systemUTC());
        closeables.add(permissive);
        assertThat(permissive.send(delivery).refused()).as("link-local is refused even when private targets are allowed")
                .isTrue();
    }

    @Test
    void theOutboxLagIsTheAgeOfTheOldestEventStillToBeDelivered(@Autowired io.micrometer.core.instrument.MeterRegistry meters) {
        UUID webhookId = webhookFor(receiver(WebhookReceiver.started()));
        UUID eventId = UUID.randomUUID();
        // an event from an hour ago whose delivery waits for a retry an hour from now
        jdbc.sql("INSERT INTO outbox_events (id, type, body, created_at, dispatched_at)"
                + " VALUES (:id, 'webhook.ping', '{}', now() - interval '1 hour', now())").param("id", eventId).update();
        jdbc.sql("INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, attempts, next_attempt_at)"
                        + " VALUES (:id, :webhook, :event, 'PENDING', 1, now() + interval '1 hour')")
                .param("id", UUID.randomUUID()).param("webhook", webhookId).param("event", eventId).update();

        assertThat(meters.get("webhooks.outbox.lag").gauge().value()).isBetween(3600.0, 3700.0);
        assertThat(api.get("/actuator/prometheus", null).body()).containsPattern("webhooks_outbox_lag_seconds(\\{[^}]*})? 36\\d\\d");

        repository.deleteWebhook(webhookId);
        assertThat(meters.get("webhooks.outbox.lag").gauge().value()).isLessThan(3600.0);
    }

    @Test
    void aReceiverThatNeverAnswersCostsOneTimeout() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started().taking(3_000));
        DueDelivery delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 0, receiver.url(),
                WebhookSignatures.newSecret(new java.security.SecureRandom()), "{}", null);
        WebhookSender sender = new WebhookSender(new TargetGuard(true), Duration.ofMillis(300), java.time.Clock.systemUTC());
        closeables.add(sender);

        AttemptOutcome outcome = sender.send(delivery);

        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).startsWith("Timed out");
    }
}
