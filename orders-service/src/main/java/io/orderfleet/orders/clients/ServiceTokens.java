package io.orderfleet.orders.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The service token for calls to /internal/**, from users-service's client-credentials grant, cached
 * until 30 s before it expires; if users-service cannot renew it then, the old token is used until it
 * really expires. {@link #invalidate()} after a 401 fetches a fresh one.
 */
@Component
public class ServiceTokens {

    private record Cached(String token, Instant refreshAfter, Instant expiresAt) {
    }

    private final RestClient http;
    private final FleetClientsProperties properties;
    private volatile Cached cached;

    ServiceTokens(FleetClientsProperties properties) {
        this.http = RestClient.builder().baseUrl(properties.usersUrl().toString())
                .requestFactory(HttpClients.factory(Duration.ofMillis(500), Duration.ofSeconds(2))).build();
        this.properties = properties;
    }

    public String token() {
        Cached current = cached;
        if (current != null && Instant.now().isBefore(current.refreshAfter())) {
            return current.token();
        }
        synchronized (this) {
            current = cached;
            if (current != null && Instant.now().isBefore(current.refreshAfter())) {
                return current.token();
            }
            if (properties.clientSecret().isBlank()) {
                throw new IllegalStateException("ORDERFLEET_CLIENT_SECRET is not set: orders-service cannot call peers");
            }
            try {
                cached = fetch();
            } catch (RuntimeException e) {
                // users-service is down during the refresh window: the old token is still good until it expires
                // (and is not asked again for 5 s, so a hanging users-service stalls one call, not every call)
                Instant now = Instant.now();
                if (current != null && now.isBefore(current.expiresAt().minusSeconds(2))) {
                    Instant retryAt = now.plusSeconds(5);
                    cached = new Cached(current.token(),
                            retryAt.isBefore(current.expiresAt()) ? retryAt : current.expiresAt(), current.expiresAt());
                    return current.token();
                }
                throw e;
            }
            return cached.token();
        }
    }

    private Cached fetch() {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = http.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(properties.clientId(), properties.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().body(Map.class);
        String token = (String) body.get("access_token");
        long expiresIn = ((Number) body.get("expires_in")).longValue();
        Instant now = Instant.now();
        return new Cached(token, now.plusSeconds(Math.max(5, expiresIn - 30)), now.plusSeconds(expiresIn));
    }

    public void invalidate() {
        cached = null;
    }
}
