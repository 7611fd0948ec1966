package io.orderfleet.orders.observability;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * W3C trace contexts kept with orders, and the spans of background work done for an order long after
 * its request: each is the root of a trace of its own (the request is long gone) with a link to the
 * trace that placed the order, so a trace viewer leads from one to the other. Everything the work does
 * inside (peer calls, statements) becomes a child span. Without tracing, the work simply runs.
 */
@Component
public class WorkerSpans {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_SPAN_ID = "0".repeat(16);

    private final ObjectProvider<Tracer> tracer;

    public WorkerSpans(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current span as a W3C {@code traceparent}, or null outside a (real) span. */
    public String currentTraceparent() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        TraceContext context = span.context();
        String sampled = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + sampled;
    }

    /**
     * Runs {@code work} in a new root span {@code name}, tagged with the order id and linked to
     * {@code traceparent} (the order's placement) when there is one.
     */
    public <T> T linkedTo(String name, UUID orderId, String traceparent, Supplier<T> work) {
        Tracer current = tracer.getIfAvailable();
        if (current == null) {
            return work.get();
        }
        Span.Builder builder = current.spanBuilder().name(name).setNoParent()
                .tag("order.id", orderId.toString());
        TraceContext linked = parse(current, traceparent);
        if (linked != null) {
            builder.addLink(new Link(linked));
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = current.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    public void linkedTo(String name, UUID orderId, String traceparent, Runnable work) {
        linkedTo(name, orderId, traceparent, () -> {
            work.run();
            return null;
        });
    }

    /** The span context of a W3C {@code traceparent}; null when missing, malformed or naming no span (all-zero ids). */
    static TraceContext parse(Tracer tracer, String traceparent) {
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return null;
        }
        String[] parts = traceparent.split("-");
        if (parts[1].equals(ZERO_TRACE_ID) || parts[2].equals(ZERO_SPAN_ID)) {
            return null;
        }
        return tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2])
                .sampled("01".equals(parts[3])).build();
    }
}
