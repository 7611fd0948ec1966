package io.orderfleet.common.tracing;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the traces an operator reads about real work (docs/observability.md): health probes, metric
 * scrapes and idle worker polls are not observed, and a database statement is a span only inside a
 * trace (a request, a webhook delivery attempt, a worker's span for one order), never a one-span trace
 * of its own.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class FleetObservationAutoConfiguration {

    @Bean
    ObservationPredicate databaseStatementsOnlyInsideATrace(ObjectProvider<InsideASpan> insideASpan) {
        BooleanSupplier inSpan = () -> {
            InsideASpan inside = insideASpan.getIfAvailable();
            return inside != null && inside.getAsBoolean();
        };
        return (name, context) -> !name.startsWith("jdbc.") || context.getParentObservation() != null
                || inSpan.getAsBoolean();
    }

    /** Whether a span (not an observation: e.g. a worker's root span) is current on this thread. */
    public interface InsideASpan extends BooleanSupplier {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class TracerAware {

        @Bean
        InsideASpan insideASpan(ObjectProvider<Tracer> tracers) {
            return () -> {
                Tracer tracer = tracers.getIfAvailable();
                Span span = tracer == null ? null : tracer.currentSpan();
                return span != null && !span.isNoop();
            };
        }
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
