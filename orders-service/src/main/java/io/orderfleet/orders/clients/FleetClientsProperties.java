package io.orderfleet.orders.clients;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where orders-service finds its peers. How it authenticates to them is the OAuth2 client registration
 * {@value PeerClientsConfig#REGISTRATION} ({@code spring.security.oauth2.client.*}).
 */
@ConfigurationProperties("orderfleet")
public record FleetClientsProperties(
        @DefaultValue("http://localhost:8081") URI usersUrl,
        @DefaultValue("http://localhost:8083") URI inventoryUrl) {
}
