package io.orderfleet.orders.clients;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * Puts orders-service's service token on every call to a peer. The token comes from the OAuth2 client
 * registration {@value #REGISTRATION} (client-credentials grant) through the
 * {@link OAuth2AuthorizedClientManager}, which caches it and renews it shortly before it expires.
 *
 * <p>The fleet's one behaviour on a 401 from a peer: the cached token is dropped, a fresh one is fetched
 * and the request is sent once more (every peer call is idempotent); a second 401 reaches the client,
 * which reports the peer as unavailable. When users-service cannot renew a token that is due, the
 * cached one is used while it is still valid, and renewal is not tried again for a few seconds (a
 * hanging users-service stalls one call, not every call).
 */
final class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

    static final String REGISTRATION = "orders-service";
    /** The authorized client belongs to this service, not to any user. */
    static final String PRINCIPAL = "orders-service";
    private static final Duration RENEWAL_BACKOFF = Duration.ofSeconds(5);

    private final OAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizedClientService clients;
    private final Clock clock;
    private final OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
            .principal(PRINCIPAL).build();
    private volatile Instant renewalBlockedUntil = Instant.EPOCH;

    ServiceTokenInterceptor(OAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService clients, Clock clock) {
        this.manager = manager;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        request.getHeaders().setBearerAuth(token());
        ClientHttpResponse response = execution.execute(request, body);
        if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
            return response;
        }
        response.close();
        clients.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
        request.getHeaders().setBearerAuth(token());
        return execution.execute(request, body);
    }

    /** Invalidates the cached token (operations, tests). */
    void forget() {
        clients.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
        renewalBlockedUntil = Instant.EPOCH;
    }

    private String token() {
        Instant now = clock.instant();
        OAuth2AuthorizedClient cached = clients.loadAuthorizedClient(REGISTRATION, PRINCIPAL);
        if (now.isBefore(renewalBlockedUntil) && stillValid(cached, now)) {
            return cached.getAccessToken().getTokenValue();
        }
        try {
            OAuth2AuthorizedClient client = manager.authorize(authorize);
            if (client == null) {
                throw new IllegalStateException("no service token for " + REGISTRATION);
            }
            return client.getAccessToken().getTokenValue();
        } catch (RuntimeException e) {
            if (stillValid(cached, now)) {
                renewalBlockedUntil = now.plus(RENEWAL_BACKOFF);
                return cached.getAccessToken().getTokenValue();
            }
            throw new PeerUnavailableException("no service token: " + e.getMessage(), e);
        }
    }

    private static boolean stillValid(OAuth2AuthorizedClient client, Instant now) {
        return client != null && client.getAccessToken().getExpiresAt() != null
                && now.isBefore(client.getAccessToken().getExpiresAt().minusSeconds(2));
    }
}
