package io.orderfleet.orders.clients;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * HTTP clients for calls to peers, with real connect and read timeouts: a peer that hangs costs a bounded wait.
 *
 * <p>Apache HttpClient's classic (blocking) client with a pool of kept-alive connections. The request runs on
 * the caller's (virtual) thread from start to end. The JDK client it replaces handed every request to its
 * selector and worker threads, started a platform thread per request body, and threw and caught three
 * exceptions per call to enforce the read timeout (all seen in JFR under the order benchmark).
 * No automatic retries: a retry is the caller's decision (Resilience4j and the 401 rule of
 * {@link PeerClientsConfig}).
 */
final class HttpClients {

    /** Connections kept per peer: at least the bulkhead's concurrent calls, so none waits for a connection. */
    static final int MAX_CONNECTIONS = 64;

    private HttpClients() {
    }

    static HttpComponentsClientHttpRequestFactory factory(Duration connect, Duration read) {
        CloseableHttpClient client = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connect))
                                .setSocketTimeout(Timeout.of(read))
                                // a peer closes idle keep-alive connections; check one that sat idle before reuse
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connect))
                        .setResponseTimeout(Timeout.of(read))
                        .build())
                .evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        return new HttpComponentsClientHttpRequestFactory(client);
    }
}
