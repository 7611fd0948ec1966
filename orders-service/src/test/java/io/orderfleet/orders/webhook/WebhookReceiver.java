package io.orderfleet.orders.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint on loopback that records every webhook request it receives and answers with a
 * configurable status. It can be created "down" (a reserved port nobody listens on) and started later.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Received(String id, String timestamp, String signature, String contentType, String host, String body,
            Instant at, String traceparent) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** Verifies the request the way a Standard Webhooks receiver does, independently of the sender's code. */
        public boolean signedWith(String secret) {
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String candidate : signature.split(" ")) {
                    if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                            Base64.getDecoder().decode(candidate.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile long delayMillis;
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** A receiver that answers at once. */
    public static WebhookReceiver started() {
        WebhookReceiver receiver = new WebhookReceiver(0);
        receiver.start();
        return receiver;
    }

    /** A receiver whose port is reserved but not listening yet: connections are refused until {@link #start()}. */
    public static WebhookReceiver down() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new WebhookReceiver(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public WebhookReceiver answering(int status) {
        this.status = status;
        return this;
    }

    /** Makes the receiver slow, to widen the window in which racing workers could overlap. */
    public WebhookReceiver taking(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public int port() {
        return server != null ? server.getAddress().getPort() : port;
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hooks/orders?tenant=test";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests whose webhook-id is {@code eventId}. */
    public List<Received> withId(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.id())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), headers.getFirst("Host"),
                    body, Instant.now(), headers.getFirst("traceparent")));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
