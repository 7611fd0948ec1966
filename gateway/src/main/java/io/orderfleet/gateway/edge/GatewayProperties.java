package io.orderfleet.gateway.edge;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("orderfleet.gateway")
public record GatewayProperties(@DefaultValue("1048576") long maxBodyBytes, @DefaultValue RateLimits rateLimits) {

    /** Requests per minute: per client address on /api/v1/auth/**, per user (or address) on the rest of /api. */
    public record RateLimits(@DefaultValue("20") int authPerMinute, @DefaultValue("600") int apiPerMinute) {
    }

    @ConfigurationProperties("orderfleet")
    public record Upstreams(URI usersUrl, URI inventoryUrl, URI ordersUrl) {
    }
}
