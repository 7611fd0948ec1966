package io.orderfleet.orders.clients;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Service tokens for calls to peers: Spring Security's OAuth2 client with the client-credentials registration
 * {@value #REGISTRATION} from {@code spring.security.oauth2.client.*}, and its {@link OAuth2ClientHttpRequestInterceptor}
 * on every peer {@code RestClient}. The manager works outside any HTTP request (background workers call peers too),
 * so the token belongs to this service, not to a user, and lives in the {@link OAuth2AuthorizedClientService}.
 *
 * <p>The fleet's one behaviour on a 401 from a peer: the interceptor drops the token, the client throws
 * {@link PeerUnavailableException.TokenRefused}, and {@link Resilience} sends the request once more (every peer call
 * is idempotent), which fetches a fresh token; a second 401 reports the peer as unavailable, as does a token that
 * cannot be fetched (users-service down and no valid token cached).
 */
@Configuration(proxyBeanMethods = false)
class PeerClientsConfig {

    static final String REGISTRATION = "orders-service";
    static final Authentication PRINCIPAL = new AnonymousAuthenticationToken(REGISTRATION, REGISTRATION,
            AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
    /**
     * A token is renewed 5 s before it expires (the peers accept it up to 30 s past expiry, their clock skew), so
     * that a users-service outage stops nothing while the cached token is not yet due.
     */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(5);

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
    OAuth2ClientHttpRequestInterceptor serviceTokenInterceptor(OAuth2AuthorizedClientManager manager,
            OAuth2AuthorizedClientService clients) {
        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        interceptor.setPrincipalResolver(request -> PRINCIPAL);
        interceptor.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(clients));
        return interceptor;
    }
}
