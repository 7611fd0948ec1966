package io.orderfleet.orders.webhook;

import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderfleet.orders.observability.LinkedRootSpanContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed attempt. The client's only name resolver is the {@link TargetGuard}: whatever address
 * a connection is opened to was resolved and checked at that very moment (all of a host's addresses are
 * checked and tried in order), so a name re-pointed at an internal address after the webhook was
 * created is refused. The URL's host still names the Host header, TLS SNI and the certificate check.
 * No proxy is used and redirects are not followed, so no other path reaches an unchecked address. The
 * guard is also asked before the request is built, for a clear "refused" outcome. The whole attempt is
 * cancelled when the timeout runs out.
 *
 * <p>Each attempt is a span ({@code webhook.delivery.attempt}, with the delivery, webhook and event ids)
 * whose HTTP client span sends a W3C {@code traceparent}, so a receiver can join the delivery to its own
 * trace. The attempt is the root of a trace of its own with a span link to the trace context stored
 * with the event ({@link LinkedRootSpanContext}): the request that placed or changed the order.
 */
final class WebhookSender implements AutoCloseable {

    private final TargetGuard guard;
    private final Duration timeout;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final ObservationRegistry observations;

    WebhookSender(TargetGuard guard, Duration timeout, Clock clock) {
        this(guard, timeout, clock, ObservationRegistry.NOOP);
    }

    WebhookSender(TargetGuard guard, Duration timeout, Clock clock, ObservationRegistry observations) {
        this.guard = guard;
        this.observations = observations;
        this.timeout = timeout;
        this.clock = clock;
        Timeout limit = Timeout.of(timeout);
        DnsResolver checkedResolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedResolver)
                        .setMaxConnTotal(100).setMaxConnPerRoute(10)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .setUserAgent("Orderfleet-Webhooks/1.0")
                .addExecInterceptorLast("observation", new ObservationExecChainHandler(observations))
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    AttemptOutcome send(DueDelivery delivery) {
        // the event's stored trace context (the request that placed or changed the order) becomes a link
        Observation attempt = Observation.createNotStarted("webhook.delivery.attempt",
                () -> new LinkedRootSpanContext(delivery.traceparent()), observations)
                .contextualName("webhook delivery attempt")
                .highCardinalityKeyValue("webhook.delivery.id", String.valueOf(delivery.id()))
                .highCardinalityKeyValue("webhook.id", String.valueOf(delivery.webhookId()))
                .highCardinalityKeyValue("webhook.event.id", String.valueOf(delivery.eventId()));
        return attempt.observe(() -> {
            AttemptOutcome outcome = attempt(delivery);
            attempt.lowCardinalityKeyValue("outcome", outcome.kind());
            if (outcome.error() != null) {
                attempt.highCardinalityKeyValue("webhook.error", outcome.error());
            }
            return outcome;
        });
    }

    private AttemptOutcome attempt(DueDelivery delivery) {
        Instant started = clock.instant();
        long timestamp = started.getEpochSecond();
        URI uri = URI.create(delivery.url());
        String host = uri.getHost();
        try {
            guard.resolve(host);
        } catch (TargetGuard.RefusedTargetException e) {
            return new AttemptOutcome(null, "Target refused: " + e.getMessage(), true, started, 0);
        } catch (UnknownHostException e) {
            return failed(started, "Host name does not resolve");
        }

        HttpPost post = new HttpPost(uri);
        String messageId = delivery.eventId().toString();
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature",
                WebhookSignatures.sign(delivery.secret(), messageId, timestamp, delivery.body()));
        post.setEntity(new StringEntity(delivery.body(), ContentType.APPLICATION_JSON));

        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int status = http.execute(post, response -> response.getCode());
            return new AttemptOutcome(status, status >= 200 && status < 300 ? null : "HTTP " + status, false, started,
                    elapsed(started));
        } catch (TargetGuard.RefusedTargetException e) {
            return new AttemptOutcome(null, "Target refused: " + e.getMessage(), true, started, elapsed(started));
        } catch (IOException | RuntimeException e) {
            return failed(started, timedOut.get() ? "Timed out after " + timeout.toMillis() + " ms" : describe(e));
        } finally {
            deadline.cancel(false);
        }
    }

    private AttemptOutcome failed(Instant started, String error) {
        return new AttemptOutcome(null, error, false, started, elapsed(started));
    }

    private long elapsed(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }

    /** A reason an operator can act on, without class names or stack traces. */
    private static String describe(Exception e) {
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "Timed out";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "Connection refused or unreachable";
        }
        if (e instanceof UnknownHostException) {
            return "Host name does not resolve";
        }
        if (e instanceof SSLException) {
            return "TLS failure: " + message(e);
        }
        return "Network error: " + message(e);
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message == null ? "no detail" : message.length() > 200 ? message.substring(0, 200) : message;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
