package io.orderfleet.gateway.edge;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param routeResponseTimeoutMs how long every route waits for its upstream's response headers before the
 *        gateway answers 504; application.yml puts it into each route's {@code response-timeout} metadata
 *        (which Spring Cloud Gateway reads in milliseconds). Bound here so that a value that is not a
 *        positive number stops the gateway at start instead of silently falling back to the 10 s backstop.
 * @param jwks how the edge check fetches the signing keys ({@link EdgeJwkSet})
 */
@ConfigurationProperties("orderfleet.gateway")
public record GatewayProperties(@DefaultValue("1048576") long maxBodyBytes, @DefaultValue RateLimits rateLimits,
        @DefaultValue("6000") long routeResponseTimeoutMs, @DefaultValue Jwks jwks) {

    public GatewayProperties {
        if (routeResponseTimeoutMs <= 0) {
            throw new IllegalArgumentException("orderfleet.gateway.route-response-timeout-ms must be a positive "
                    + "number of milliseconds, was " + routeResponseTimeoutMs);
        }
    }

    /** Requests per minute: per client address on /api/v1/auth/**, per user (or address) on the rest of /api. */
    public record RateLimits(@DefaultValue("20") int authPerMinute, @DefaultValue("600") int apiPerMinute) {
    }

    /**
     * @param refetchInterval after a fetch of the JWKS, a token with an unknown {@code kid} waits this long
     *        before it may cause the next one (until then it is refused without a fetch)
     * @param retryAfterFailure the same after a fetch that failed (users-service down or slow)
     * @param fetchTimeout how long one fetch may take
     */
    public record Jwks(@DefaultValue("30s") Duration refetchInterval, @DefaultValue("1s") Duration retryAfterFailure,
            @DefaultValue("5s") Duration fetchTimeout) {
    }

    @ConfigurationProperties("orderfleet")
    public record Upstreams(URI usersUrl, URI inventoryUrl, URI ordersUrl) {
    }
}
