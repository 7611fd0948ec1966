package io.orderfleet.gateway.edge;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * What the gateway observes (metrics and spans): each request (the server observation, continuing or
 * starting its trace) and its upstream call (Spring Cloud Gateway's client observation, which sends the
 * {@code traceparent}). Not the actuator on the management port (probes and scrapes would bury the real
 * requests, as in the services), not the rate limiter's Redis commands (application.yml), and no filter of
 * the edge has an observation of its own.
 */
@Configuration(proxyBeanMethods = false)
class EdgeObservationConfig {

    @Bean
    ObservationPredicate actuatorRequestsAreNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && server.getCarrier() != null && server.getCarrier().getPath().value().startsWith("/actuator"));
    }
}
