package io.orderfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.runner.OtlpTraceReceiver.ExportedSpan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fleet as {@code ./fleet} runs it (embedded PostgreSQL and Redis, four service JVMs from the
 * packaged jars, real HTTP between them), exporting its spans over OTLP to a collector in this test's
 * memory. One order placed through the gateway with a caller's {@code traceparent} must come back as one
 * trace: the gateway's spans, orders-service's, the users check's and the inventory reservation's, each
 * hop's server span a child of the caller's client span.
 *
 * <p>An integration test (failsafe, after {@code package}): it needs the services' jars of this build.
 */
class FleetTraceIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    static OtlpTraceReceiver collector;
    static LocalFleet fleet;
    static String gateway;

    @BeforeAll
    static void startTheFleetExportingToTheCollector() throws Exception {
        collector = new OtlpTraceReceiver();
        Path root = Path.of(System.getProperty("orderfleet.root", "../..")).toAbsolutePath().normalize();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("gateway", "users", "orders", "inventory", "gateway-management", "postgres", "redis")) {
            ports.put(name, freePort());
        }
        fleet = new LocalFleet(root, ports).withoutKafka().withServiceEnvironment(Map.of(
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", collector.endpoint(),
                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0",
                // this test is about the trace, not the route timeout: a cold fleet's first orders may take longer
                "ORDERFLEET_GATEWAY_ROUTE_RESPONSE_TIMEOUT_MS", "60000"));
        gateway = fleet.start(data);
        // one order first, by another shopper (the users check is cached per user): the classes and
        // connections of the order path are loaded before the order whose trace is checked
        // (a cold peer may still answer a first call too late for orders-service's own timeouts: 503, retried)
        String warmShopper = newShopper();
        HttpResponse<String> warm = placeOrder(warmShopper, null);
        for (int attempt = 1; attempt < 5 && warm.statusCode() == 503; attempt++) {
            warm = placeOrder(warmShopper, null);
        }
        assertThat(warm.statusCode()).as(warm.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopTheFleet() {
        if (fleet != null) {
            fleet.stopAll();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void anOrderPlacedThroughTheGatewayIsOneTraceFromTheCallerThroughOrdersToTheUsersCheckAndTheReservation()
            throws Exception {
        String token = newShopper();
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpanId = HexFormat.of().formatHex(randomBytes(8));

        HttpResponse<String> placed = placeOrder(token, "00-" + traceId + "-" + callerSpanId + "-01");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(placed.body()).contains("\"status\":\"CONFIRMED\"");

        // spans leave each service in batches: wait until the four hops have arrived
        List<ExportedSpan> trace = awaitTrace(traceId, spans -> has(spans, "users-service", serverOf("/internal/v1/users"))
                && has(spans, "inventory-service", serverOf("/internal/v1/reservations"))
                && has(spans, "orders-service", serverOf("/api/v1/orders"))
                && spans.stream().anyMatch(s -> s.service().equals("gateway") && s.isServer()));
        Map<String, ExportedSpan> byId = new LinkedHashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        String described = describe(trace);
        System.out.println(described);

        ExportedSpan edge = only(trace, s -> s.service().equals("gateway") && s.isServer(), described);
        assertThat(edge.parentSpanId()).as("the gateway continues the caller's span\n" + described).isEqualTo(callerSpanId);

        ExportedSpan orders = only(trace, s -> s.service().equals("orders-service") && serverOf("/api/v1/orders").test(s),
                described);
        ExportedSpan proxied = byId.get(orders.parentSpanId());
        assertThat(proxied).as("orders-service's server span has a parent in the trace\n" + described).isNotNull();
        assertThat(proxied.service()).isEqualTo("gateway");
        assertThat(proxied.isClient()).as("the gateway's upstream call is the parent\n" + described).isTrue();
        assertThat(proxied.parentSpanId()).isEqualTo(edge.spanId());

        for (String peer : List.of("users-service:/internal/v1/users", "inventory-service:/internal/v1/reservations")) {
            String service = peer.substring(0, peer.indexOf(':'));
            ExportedSpan served = only(trace, s -> s.service().equals(service) && serverOf(peer.substring(service.length() + 1)).test(s),
                    described);
            ExportedSpan call = byId.get(served.parentSpanId());
            assertThat(call).as(service + "'s server span has a parent in the trace\n" + described).isNotNull();
            assertThat(call.service()).isEqualTo("orders-service");
            assertThat(call.isClient()).as(service + " is called by an orders-service client span\n" + described).isTrue();
            assertThat(ancestors(call, byId)).as("the call to " + service + " is inside orders-service's request\n" + described)
                    .contains(orders.spanId());
        }

        ExportedSpan reservation = only(trace,
                s -> s.service().equals("inventory-service") && serverOf("/internal/v1/reservations").test(s), described);
        assertThat(trace).as("inventory-service's database statements are spans inside the reservation\n" + described)
                .anySatisfy(s -> {
                    assertThat(s.service()).isEqualTo("inventory-service");
                    assertThat(s.name()).isEqualTo("query");
                    assertThat(ancestors(s, byId)).contains(reservation.spanId());
                });
        assertThat(collector.refused()).as("every export was OTLP protobuf").isEmpty();
    }

    private static Predicate<ExportedSpan> serverOf(String path) {
        return s -> s.isServer() && s.name().contains(path);
    }

    private static boolean has(List<ExportedSpan> spans, String service, Predicate<ExportedSpan> which) {
        return spans.stream().anyMatch(s -> s.service().equals(service) && which.test(s));
    }

    private static ExportedSpan only(List<ExportedSpan> trace, Predicate<ExportedSpan> which, String described) {
        List<ExportedSpan> matching = trace.stream().filter(which).toList();
        assertThat(matching).as("exactly one such span\n" + described).hasSize(1);
        return matching.getFirst();
    }

    private static List<String> ancestors(ExportedSpan span, Map<String, ExportedSpan> byId) {
        List<String> ids = new java.util.ArrayList<>();
        ExportedSpan at = byId.get(span.parentSpanId());
        while (at != null && !ids.contains(at.spanId())) {
            ids.add(at.spanId());
            at = byId.get(at.parentSpanId());
        }
        return ids;
    }

    private static String describe(List<ExportedSpan> trace) {
        StringBuilder out = new StringBuilder("spans of the trace:\n");
        trace.forEach(s -> out.append("  ").append(s.service()).append(' ').append(s.spanId()).append(" <- ")
                .append(s.parentSpanId().isEmpty() ? "(root)" : s.parentSpanId()).append(" kind ").append(s.kind())
                .append(' ').append(s.name()).append('\n'));
        return out.toString();
    }

    private List<ExportedSpan> awaitTrace(String traceId, Predicate<List<ExportedSpan>> complete) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<ExportedSpan> spans = collector.spansOf(traceId);
            if (complete.test(spans)) {
                return spans;
            }
            assertThat(Instant.now()).as("every hop's spans were exported within 60 s; so far " + describe(spans))
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> placeOrder(String token, String traceparent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"sku\":\"MS-001\",\"qty\":1}]}"))
                .timeout(Duration.ofSeconds(90));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newShopper() throws IOException, InterruptedException {
        String email = "trace-" + UUID.randomUUID() + "@example.com";
        String password = "Tr4ce-" + UUID.randomUUID();
        HttpResponse<String> registered = post("/api/v1/auth/register",
                "{\"name\":\"Trace Shopper\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        Matcher token = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        do {
            ThreadLocalRandom.current().nextBytes(bytes);
        } while (isZero(bytes));
        return bytes;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", 0));
            return socket.getLocalPort();
        }
    }
}
