package io.orderfleet.orders.clients;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Service tokens for calls to peers: Spring Security's OAuth2 client with the client-credentials
 * registration from {@code spring.security.oauth2.client.*}. The manager works outside any HTTP request
 * (background workers call peers too), so it stores the token in the {@link OAuth2AuthorizedClientService}.
 */
@Configuration(proxyBeanMethods = false)
class PeerClientsConfig {

    /** A token is renewed 30 s before it expires, so that it never expires on the way to a peer. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    @Bean
    OAuth2AuthorizedClientManager peerAuthorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService clients, RestClient.Builder builder) {
        RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
        tokenClient.setRestClient(builder.clone()
                .requestFactory(HttpClients.factory(Duration.ofMillis(500), Duration.ofSeconds(2)))
                .configureMessageConverters(converters -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokenClient);
        provider.setClockSkew(RENEW_BEFORE_EXPIRY);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    @Bean
    ServiceTokenInterceptor serviceTokenInterceptor(OAuth2AuthorizedClientManager manager,
            OAuth2AuthorizedClientService clients) {
        return new ServiceTokenInterceptor(manager, clients, Clock.systemUTC());
    }
}
