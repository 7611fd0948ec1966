package io.orderfleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@FleetIntegrationTest
@ContextConfiguration(initializers = JwksServer.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class GatewayTest {

    static final StubServices STUBS = StubServices.INSTANCE;
    static final JwksServer JWKS = JwksServer.INSTANCE;
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static long nextUser = 1000;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("orderfleet.users-url", () -> STUBS.url("users"));
        registry.add("orderfleet.inventory-url", () -> STUBS.url("inventory"));
        registry.add("orderfleet.orders-url", () -> STUBS.url("orders"));
        registry.add("management.server.port", () -> "0");
    }

    /**
     * Rate-limit windows and JWKS refetch windows follow this clock, not the wall clock: no test depends on
     * where a minute starts or waits for a window to pass.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedEdgeClock {
        @Bean
        @Primary
        ManualClock manualEdgeClock() {
            return new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        }

        /** Every span the gateway ends, kept as it ends, so tests read real spans and their parents. */
        @Bean
        SpanProcessor capturedSpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @Autowired
    ManualClock clock;
    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        STUBS.down.clear();
    }

    @AfterEach
    void tearDown() {
        STUBS.down.clear();
        STUBS.releaseStalled();
    }

    static String freshUser() {
        return TestTokens.user(nextUser++);
    }

    @Test
    void eachRouteReachesItsServiceWithTheRequestIdAndToken() {
        String token = freshUser();
        var users = api.send("GET", "/api/v1/users/me", token, null, "X-Request-Id", "trace-me-123");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("service").asString()).isEqualTo("users");
        assertThat(users.header("X-Request-Id")).isEqualTo("trace-me-123");
        assertThat(STUBS.lastSeen.get("users").headers().get("x-request-id")).isEqualTo("trace-me-123");
        assertThat(STUBS.lastSeen.get("users").headers().get("authorization")).isEqualTo("Bearer " + token);

        assertThat(api.get("/api/v1/inventory/items", token).json().get("service").asString()).isEqualTo("inventory");
        assertThat(api.get("/api/v1/orders", token).json().get("service").asString()).isEqualTo("orders");
        assertThat(api.get("/api/v1/webhooks", token).json().get("service").asString()).isEqualTo("orders");
        assertThat(api.post("/api/v1/auth/login", null, "{}").json().get("service").asString()).isEqualTo("users");
        assertThat(api.get("/.well-known/jwks.json", null).json().get("service").asString()).isEqualTo("users");
        assertThat(api.get("/api/v1/orders", freshUser()).header("X-Request-Id")).isNotBlank();
    }

    @Test
    void missingBadExpiredUnsignedForeignAndServiceTokensAre401AtTheEdge() {
        int before = STUBS.lastSeen.size();
        for (String token : new String[] {null, "garbage", TestTokens.expiredUser(5), TestTokens.unsigned(5),
                TestTokens.hs256(5), TestTokens.withUnknownKid(5), TestTokens.tamperedToAdmin(5),
                TestTokens.fromAnotherIssuer(5), TestTokens.forAnotherAudience(5),
                TestTokens.service("orders-service", "inventory:reserve")}) {
            var response = api.get("/api/v1/orders/secret-path", token);
            assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(STUBS.lastSeen.values()).noneMatch(seen -> seen.path().equals("/api/v1/orders/secret-path"));
        assertThat(STUBS.lastSeen.size()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void internalAndActuatorPathsOfTheServicesAre404ThroughTheGateway() {
        String token = freshUser();
        for (String path : new String[] {"/internal/v1/users/1", "/actuator/health", "/actuator/prometheus",
                "/Internal/v1/reservations", "/v3/api-docs"}) {
            var response = api.get(path, token);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void theGatewaysOwnActuatorAnswersProbesAndPrometheusOnTheManagementPortOnly() {
        var management = new ApiClient(managementPort);
        var readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        var prometheus = management.get("/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/health/readiness", null).status()).as("not on the public port").isEqualTo(404);
    }

    @Test
    void onceTheLimitIsUsedUpTheUserGets429WithRetryAfter() {
        String token = freshUser();
        for (int i = 0; i < 5; i++) {
            var ok = api.get("/api/v1/inventory/items", token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        var limited = api.get("/api/v1/inventory/items", token);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(api.get("/api/v1/inventory/items", freshUser()).status()).as("another user is not limited").isEqualTo(200);
    }

    @Test
    void withRedisStoppedTheLimiterStillLetsThroughAndStillLimits() {
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded Redis can be stopped");
        String token = freshUser();
        // The last second of a window: every request below falls in it, and the next second opens a new one.
        clock.set(Instant.parse("2026-11-23T10:00:59Z"));
        FleetInfrastructure.get().stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/api/v1/inventory/items", token).status()).isEqualTo(200);
            }
            var limited = api.get("/api/v1/inventory/items", token);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            clock.set(Instant.parse("2026-11-23T10:01:00Z"));
            assertThat(api.get("/api/v1/inventory/items", token).status()).as("a new window").isEqualTo(200);
        } finally {
            FleetInfrastructure.get().startRedis();
        }
    }

    @Test
    void aBodyOverOneMebibyteIs413AndNeverReachesTheService() {
        var response = api.post("/api/v1/orders", freshUser(), "{\"x\":\"" + "a".repeat(1_100_000) + "\"}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void corsPreflightIsAllowedForAListedOriginAndRefusedForAnother() {
        var allowed = api.sendHeaders("OPTIONS", "/api/v1/orders", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");

        var refused = api.sendHeaders("OPTIONS", "/api/v1/orders", "Origin", "https://evil.example.net",
                "Access-Control-Request-Method", "POST");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aDeepSpaLinkReturnsIndexHtmlAndAMissingAssetIs404() {
        var deep = api.get("/orders/1234/timeline", null);
        assertThat(deep.status()).isEqualTo(200);
        assertThat(deep.body()).contains("test-spa");
        assertThat(deep.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(deep.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(deep.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(deep.header("Referrer-Policy")).isEqualTo("no-referrer");

        var asset = api.get("/assets/app-abc123.js", null);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");

        var missing = api.get("/assets/nope-000.js", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("test-spa");
        assertThat(api.get("/", null).body()).contains("test-spa");
    }

    @Test
    void docsServeSwaggerUiOverTheServicesOpenApiDocuments() {
        assertThat(api.get("/docs", null).body()).contains("swagger-ui");
        assertThat(api.get("/docs/init.js", null).body()).contains("/docs/api/orders");
        assertThat(api.get("/docs/api/orders", null).json().get("info").get("title").asString()).isEqualTo("orders");
        assertThat(STUBS.lastSeen.get("orders").path()).isEqualTo("/v3/api-docs/public");
        assertThat(api.get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", null).status()).isEqualTo(200);
    }

    @Test
    void noInternalPathIsServedThroughTheGatewayDocs() {
        for (String service : new String[] {"users", "inventory", "orders"}) {
            var docs = api.get("/docs/api/" + service, null);

            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.json().get("paths").has("/api/v1/" + service)).as(service).isTrue();
            assertThat(docs.body()).as(service).doesNotContain("/internal");
        }
    }

    @Test
    void healthzIsUpWhenAllAreUpAndAStoppedServiceGives503ProblemsQuickly() {
        var healthy = api.get("/healthz", null);
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.json().get("status").asString()).isEqualTo("UP");
        assertThat(healthy.json().get("services").get("orders").asString()).isEqualTo("UP");

        STUBS.down.put("orders", true);
        Instant start = Instant.now();
        var unavailable = api.get("/api/v1/orders", freshUser());
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unavailable.header("Retry-After")).isNotBlank();
        assertThat(Duration.between(start, Instant.now())).as("no hang").isLessThan(Duration.ofSeconds(5));

        var degraded = api.get("/healthz", null);
        assertThat(degraded.status()).isEqualTo(503);
        assertThat(degraded.json().get("services").get("orders").asString()).isEqualTo("DOWN");
        assertThat(degraded.json().get("services").get("users").asString()).isEqualTo("UP");
    }

    @Test
    void aStalledServiceIsAnsweredWithA504ProblemAtTheRoutesTimeoutNotTheClientsBackstop() {
        String token = freshUser();
        STUBS.stall("orders");
        Instant start = Instant.now();

        var timedOut = api.send("GET", "/api/v1/orders/stalled-1", token, null, "X-Request-Id", "stalled-req-1");

        Duration waited = Duration.between(start, Instant.now());
        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
        assertThat(timedOut.header("Content-Type")).startsWith("application/problem+json");
        var problem = timedOut.json();
        assertThat(problem.get("type").asString()).endsWith("/gateway-timeout");
        assertThat(problem.get("title").asString()).isEqualTo("Gateway timeout");
        assertThat(problem.get("status").asInt()).isEqualTo(504);
        assertThat(problem.get("detail").asString()).contains("orders").contains("6000 ms");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/orders/stalled-1");
        assertThat(problem.get("traceId").asString()).isNotBlank();
        assertThat(timedOut.header("X-Request-Id")).isEqualTo("stalled-req-1");
        assertThat(timedOut.header("Retry-After")).as("the outcome is unknown: repeat, not wait").isNull();
        assertThat(STUBS.lastSeen.get("orders").path()).as("the request did reach the service").isEqualTo("/api/v1/orders/stalled-1");
        // a sanity bound only: the route's 6 s answered, not the httpclient's 10 s backstop
        assertThat(waited).isLessThan(Duration.ofSeconds(10));

        STUBS.releaseStalled();
        assertThat(api.get("/api/v1/orders", token).status()).as("the route answers again").isEqualTo(200);
    }

    @Test
    void aServiceThatDropsTheConnectionStaysA503NotA504() {
        STUBS.down.put("inventory", true);

        var refused = api.get("/api/v1/inventory/items", freshUser());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("title").asString()).isEqualTo("Service unavailable");
        assertThat(refused.json().get("type").asString()).endsWith("/service-unavailable");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void tokensNamingUnknownKidsAreAll401AndFetchTheJwksAtMostTwicePerRefetchInterval() throws Exception {
        // a day after every fetch the other tests caused: the unknown kids below may refetch
        Instant start = clock.later();
        int before = JWKS.requests();
        var stranger = JwksServer.newKeyPair();
        List<String> tokens = IntStream.range(0, 30)
                .mapToObj(i -> JwksServer.userToken(stranger, "random-" + UUID.randomUUID(), 4000 + i)).toList();

        List<ApiClient.Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(10)) {
            List<Future<ApiClient.Response>> sent = new ArrayList<>();
            for (String token : tokens) {
                sent.add(clients.submit(() -> api.get("/api/v1/orders", token)));
            }
            for (Future<ApiClient.Response> answer : sent) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).hasSize(30).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString()).isEqualTo("The access token is invalid or expired.");
        });
        assertThat(JWKS.requests() - before).as("thirty unknown kids, ten at a time").isBetween(1, 2);

        clock.set(start.plusSeconds(9));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/orders", JwksServer.userToken(stranger, "random-late-" + i, 4100)).status())
                    .isEqualTo(401);
        }
        assertThat(JWKS.requests() - before).as("9 s later: still inside the 10 s window, two fetches at most")
                .isEqualTo(2);
        assertThat(api.get("/api/v1/orders", freshUser()).status()).as("a known key needs no fetch").isEqualTo(200);
        assertThat(JWKS.requests() - before).isEqualTo(2);

        clock.set(start.plusSeconds(11));
        assertThat(api.get("/api/v1/orders", JwksServer.userToken(stranger, "random-next", 4101)).status()).isEqualTo(401);
        assertThat(JWKS.requests() - before).as("the next window allows the next fetch").isEqualTo(3);
    }

    @Test
    void aTokenSignedWithANewlyPublishedKeyIsAcceptedAfterOneFetchAndTheKeyIsKept() {
        Instant start = clock.later();
        var rotated = JwksServer.newKeyPair();
        String kid = "rotated-" + UUID.randomUUID();
        JWKS.publish(kid, rotated);
        int before = JWKS.requests();

        var accepted = api.get("/api/v1/orders", JwksServer.userToken(rotated, kid, 4201));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("service").asString()).isEqualTo("orders");
        assertThat(JWKS.requests()).as("one fetch brought the new key").isEqualTo(before + 1);
        clock.set(start.plusSeconds(3600));
        assertThat(api.get("/api/v1/inventory/items", JwksServer.userToken(rotated, kid, 4202)).status()).isEqualTo(200);
        assertThat(JWKS.requests()).as("the new key is kept").isEqualTo(before + 1);
    }

    @Test
    void whileTheJwksCannotBeFetchedAnUnknownKidIsA401ProblemNotA500AndKeptKeysStillPass() {
        Instant start = clock.later();
        String known = freshUser();
        assertThat(api.get("/api/v1/orders", known).status()).as("the fleet's key is kept").isEqualTo(200);
        clock.set(start.plusSeconds(60)); // past the window of any fetch before
        JWKS.failing(true);
        try {
            int before = JWKS.requests();

            var refused = api.get("/api/v1/orders", TestTokens.withUnknownKid(4300));

            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(refused.json().get("detail").asString()).isEqualTo("The access token is invalid or expired.");
            assertThat(JWKS.requests() - before).as("the failed fetch").isEqualTo(1);
            assertThat(STUBS.lastSeen.get("orders").headers().get("authorization"))
                    .as("the refused token never reached the service").isEqualTo("Bearer " + known);

            for (int i = 1; i <= 3; i++) {
                assertThat(api.get("/api/v1/orders", TestTokens.withUnknownKid(4300 + i)).status()).isEqualTo(401);
            }
            assertThat(JWKS.requests() - before).as("failed fetches count against the window too").isEqualTo(2);
            assertThat(api.get("/api/v1/orders", freshUser()).status()).as("a kept key needs no fetch").isEqualTo(200);

            clock.set(start.plusMillis(70_500));
            var again = api.get("/api/v1/orders", TestTokens.withUnknownKid(4310));
            assertThat(again.status()).as(again.body()).isEqualTo(401);
            assertThat(JWKS.requests() - before).as("the next window tries the fetch again").isEqualTo(3);
        } finally {
            JWKS.failing(false);
        }
    }

    @Test
    void anIncomingTraceparentIsContinuedAndReachesTheServiceWithTheGatewaysClientSpanAsParent() {
        String trace = newTraceId();

        var answer = api.send("GET", "/api/v1/orders", freshUser(), null, "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");

        assertThat(answer.status()).isEqualTo(200);
        String forwarded = STUBS.lastSeen.get("orders").headers().get("traceparent");
        assertThat(forwarded).as("one W3C traceparent reached the service").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String[] parts = forwarded.split("-");
        assertThat(parts[1]).as("the caller's trace").isEqualTo(trace);
        assertThat(parts[2]).as("a new parent").isNotEqualTo(CALLER_SPAN).isNotEqualTo("0000000000000000");
        await().atMost(Duration.ofSeconds(10)).until(() -> span(trace, SpanKind.SERVER) != null);
        SpanData server = span(trace, SpanKind.SERVER);
        SpanData client = span(trace, SpanKind.CLIENT);
        assertThat(server.getParentSpanId()).as("the gateway's request span continues the caller's").isEqualTo(CALLER_SPAN);
        assertThat(client.getSpanId()).as("the service's parent is the gateway's call to it").isEqualTo(parts[2]);
        assertThat(client.getParentSpanId()).as("made inside the request").isEqualTo(server.getSpanId());
        assertThat(SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(trace)))
                .as("no span for the edge filters, the rate limiter's Redis command or the token check")
                .containsExactlyInAnyOrder(server, client);
    }

    @Test
    void aRequestWithoutTraceparentStartsAFreshTraceThatReachesTheService() {
        String token = freshUser();

        api.get("/api/v1/inventory/items", token);
        String first = STUBS.lastSeen.get("inventory").headers().get("traceparent");
        api.get("/api/v1/inventory/items", token);
        String second = STUBS.lastSeen.get("inventory").headers().get("traceparent");

        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("00000000000000000000000000000000");
        assertThat(second).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(second.split("-")[1]).as("each request its own trace").isNotEqualTo(first.split("-")[1]);
    }

    @Test
    void problemAnswersCarryTheW3cTraceIdOfTheRequestAndStillEchoTheRequestId() {
        String trace = newTraceId();
        var refused = api.sendHeaders("GET", "/api/v1/orders", "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01",
                "X-Request-Id", "trace-problem-1");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("traceId").asString()).isEqualTo(trace);
        assertThat(refused.header("X-Request-Id")).isEqualTo("trace-problem-1");

        String another = newTraceId();
        var blocked = api.sendHeaders("GET", "/internal/v1/users/1", "traceparent", "00-" + another + "-" + CALLER_SPAN + "-01");
        assertThat(blocked.status()).isEqualTo(404);
        assertThat(blocked.json().get("traceId").asString()).isEqualTo(another);

        var fresh = api.get("/api/v1/orders", null);
        assertThat(fresh.status()).isEqualTo(401);
        assertThat(fresh.json().get("traceId").asString()).as("a trace of its own").matches("[0-9a-f]{32}")
                .isNotEqualTo("00000000000000000000000000000000");
    }

    @Test
    void theAccessLogLineOfARequestCarriesItsTraceId(CapturedOutput output) {
        String trace = newTraceId();

        api.send("GET", "/api/v1/orders", freshUser(), null, "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("orderfleet.access") && line.contains("\"traceId\":\"" + trace + "\"")))
                .as("an access-log line with the trace id").hasSize(1));
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static SpanData span(String traceId, SpanKind kind) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind)
                .findFirst().orElse(null);
    }
}
