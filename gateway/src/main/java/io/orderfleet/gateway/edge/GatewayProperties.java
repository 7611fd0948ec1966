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
 * @param jwks how the edge check fetches the signing keys ({@link EdgeSecurityConfig})
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
     * @param refetchInterval tokens naming unknown {@code kid}s refetch the JWKS at most twice per interval; beyond
     *        that they are refused without a fetch (also while the fetch fails)
     * @param fetchTimeout how long one fetch may take (connect and read)
     */
    public record Jwks(@DefaultValue("10s") Duration refetchInterval, @DefaultValue("5s") Duration fetchTimeout) {
    }

    @ConfigurationProperties("orderfleet")
    public record Upstreams(URI usersUrl, URI inventoryUrl, URI ordersUrl) {
    }
}
