package io.orderfleet.gateway.edge;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param routeResponseTimeoutMs how long every route waits for its upstream's response headers before the
 *        gateway answers 504; application.yml puts it into each route's {@code response-timeout} metadata
 *        (which Spring Cloud Gateway reads in milliseconds). Bound here so that a value that is not a
 *        positive number stops the gateway at start instead of silently falling back to the 10 s backstop.
 */
@ConfigurationProperties("orderfleet.gateway")
public record GatewayProperties(@DefaultValue("1048576") long maxBodyBytes, @DefaultValue RateLimits rateLimits,
        @DefaultValue("6000") long routeResponseTimeoutMs) {

    public GatewayProperties {
        if (routeResponseTimeoutMs <= 0) {
            throw new IllegalArgumentException("orderfleet.gateway.route-response-timeout-ms must be a positive "
                    + "number of milliseconds, was " + routeResponseTimeoutMs);
        }
    }

    /** Requests per minute: per client address on /api/v1/auth/**, per user (or address) on the rest of /api. */
    public record RateLimits(@DefaultValue("20") int authPerMinute, @DefaultValue("600") int apiPerMinute) {
    }

    @ConfigurationProperties("orderfleet")
    public record Upstreams(URI usersUrl, URI inventoryUrl, URI ordersUrl) {
    }
}
