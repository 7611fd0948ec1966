package io.orderfleet.users.oauth;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** OAuth2 clients allowed the client-credentials grant. A client with an empty secret is disabled. */
@ConfigurationProperties("orderfleet.oauth")
public record OAuthClientsProperties(@DefaultValue Map<String, Client> clients) {

    public record Client(String secret, String scopes) {
    }
}
