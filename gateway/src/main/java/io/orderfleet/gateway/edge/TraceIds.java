package io.orderfleet.gateway.edge;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The W3C trace id of an exchange, read from its server observation rather than the MDC (a reactive
 * request hops threads). Problems and the access log carry it; when tracing is off the request id stands in.
 */
final class TraceIds {

    private TraceIds() {
    }

    static String of(ServerWebExchange exchange) {
        String traceId = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .map(context -> context.traceId())
                .filter(id -> !id.isBlank() && !id.chars().allMatch(c -> c == '0'))
                .orElse(null);
        return traceId != null ? traceId : exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
    }
}
