package io.orderfleet.orders.clients;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where orders-service finds its peers and how it authenticates to them (OAuth2 client credentials). */
@ConfigurationProperties("orderfleet")
public record FleetClientsProperties(
        @DefaultValue("http://localhost:8081") URI usersUrl,
        @DefaultValue("http://localhost:8083") URI inventoryUrl,
        @DefaultValue("orders-service") String clientId,
        @DefaultValue("") String clientSecret) {
}
