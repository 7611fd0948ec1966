package io.orderfleet.gateway.edge;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The W3C trace id of an exchange (the caller's when it sent a {@code traceparent}), read from the request's
 * server observation in the exchange attributes rather than from the MDC or a thread local: a reactive
 * request hops threads, and the gateway keeps Reactor's automatic context propagation off. Problems and the
 * access log carry it; with tracing off (or an exchange without an observation) the request id stands in.
 */
final class TraceIds {

    private TraceIds() {
    }

    static String of(ServerWebExchange exchange) {
        String traceId = traceId(exchange);
        return traceId != null ? traceId : exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
    }

    /** The W3C trace id, or null when the request has no span. */
    static String traceId(ServerWebExchange exchange) {
        if (!(exchange.getAttribute(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE)
                instanceof ServerRequestObservationContext context)) {
            return null;
        }
        TracingContext tracing = context.get(TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        if (span == null) {
            return null;
        }
        String traceId = span.context().traceId();
        return traceId == null || traceId.isEmpty() || traceId.equals("00000000000000000000000000000000") ? null : traceId;
    }
}
