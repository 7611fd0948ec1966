package io.orderfleet.common.tracing;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the traces an operator reads about real work (docs/observability.md): health probes, metric
 * scrapes and idle worker polls are not observed, and a database statement is a span only inside a
 * trace (a request, or a webhook delivery attempt), never a one-span trace of its own.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class FleetObservationAutoConfiguration {

    @Bean
    ObservationPredicate databaseStatementsOnlyInsideATrace() {
        return (name, context) -> !name.startsWith("jdbc.") || context.getParentObservation() != null;
    }

    @Bean
    ObservationPredicate scheduledPollsAreNotTraced() {
        return (name, context) -> !name.equals("tasks.scheduled.execution");
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ObservationPredicate actuatorRequestsAreNotTraced() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && server.getCarrier() != null && server.getCarrier().getRequestURI().startsWith("/actuator"));
    }
}
