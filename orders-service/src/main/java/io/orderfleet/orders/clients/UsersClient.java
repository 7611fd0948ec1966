package io.orderfleet.orders.clients;

import io.orderfleet.common.web.RequestIdPropagation;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;

/**
 * Asks users-service whether a user may order. Answers are cached in Redis DB 1 for a short TTL:
 * users-service publishes no events, so a deactivation takes effect here within that TTL (the
 * deactivated user's refresh tokens are revoked at once, and access tokens live 15 minutes anyway).
 */
@Component
public class UsersClient {

    public enum UserCheck { ACTIVE, INACTIVE, UNKNOWN, UNAVAILABLE }

    private static final Logger log = LoggerFactory.getLogger(UsersClient.class);
    static final String PEER = "users";

    private final RestClient http;
    private final Resilience resilience;
    private final StringRedisTemplate redis;
    private final Duration cacheTtl;

    UsersClient(FleetClientsProperties properties, RestClient.Builder builder, OAuth2ClientHttpRequestInterceptor serviceTokens,
            Resilience resilience, StringRedisTemplate redis, RequestIdPropagation requestIds,
            @Value("${orderfleet.orders.user-cache-ttl:60s}") Duration cacheTtl) {
        this.http = builder.clone().baseUrl(properties.usersUrl().toString())
                .requestInterceptor(requestIds).requestInterceptor(serviceTokens)
                .requestFactory(HttpClients.factory(Duration.ofMillis(300), Duration.ofSeconds(1))).build();
        this.resilience = resilience;
        this.redis = redis;
        this.cacheTtl = cacheTtl;
    }

    public UserCheck check(long userId) {
        String key = "user:status:" + userId;
        try {
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return UserCheck.valueOf(cached);
            }
        } catch (RuntimeException e) {
            log.warn("User status cache unavailable: {}", e.getClass().getSimpleName());
        }
        UserCheck result;
        try {
            result = resilience.call(PEER, () -> fetch(userId));
        } catch (PeerUnavailableException e) {
            return UserCheck.UNAVAILABLE;
        }
        try {
            redis.opsForValue().set(key, result.name(), cacheTtl);
        } catch (RuntimeException e) {
            log.warn("User status cache unavailable: {}", e.getClass().getSimpleName());
        }
        return result;
    }

    private UserCheck fetch(long userId) {
        try {
            return http.get().uri("/internal/v1/users/{id}", userId)
                    .exchange((request, response) -> {
                        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
                        if (status == HttpStatus.OK) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> body = response.bodyTo(Map.class);
                            return Boolean.TRUE.equals(body.get("active")) ? UserCheck.ACTIVE : UserCheck.INACTIVE;
                        }
                        if (status == HttpStatus.NOT_FOUND) {
                            return UserCheck.UNKNOWN;
                        }
                        if (status == HttpStatus.UNAUTHORIZED) {
                            throw new PeerUnavailableException.TokenRefused("users-service");
                        }
                        throw new PeerUnavailableException("users-service answered " + response.getStatusCode(), null);
                    });
        } catch (RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            throw new PeerUnavailableException("users-service unreachable", e.getCause() != null ? e.getCause() : e);
        }
    }
}
