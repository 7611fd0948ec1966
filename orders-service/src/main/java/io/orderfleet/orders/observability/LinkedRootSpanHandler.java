package io.orderfleet.orders.observability;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.observation.Observation;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts the span of a {@link LinkedRootSpanContext} observation as a root span linked to the stored
 * trace context, like {@link WorkerSpans#linkedTo} does for the workers' own spans; the observation
 * keeps everything else (its timer, its key values as tags, its scope). Boot's tracing handlers are
 * asked in order and the first that supports a context handles it alone, so this one comes before
 * them; it supports no other context.
 */
@Component
@Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER - 100)
public class LinkedRootSpanHandler implements TracingObservationHandler<LinkedRootSpanContext> {

    private final Tracer tracer;

    public LinkedRootSpanHandler(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof LinkedRootSpanContext;
    }

    @Override
    public void onStart(LinkedRootSpanContext context) {
        Span.Builder builder = tracer.spanBuilder().name(getSpanName(context)).setNoParent();
        TraceContext linked = WorkerSpans.parse(tracer, context.linkedTraceparent());
        if (linked != null) {
            builder.addLink(new Link(linked));
        }
        getTracingContext(context).setSpan(builder.start());
    }

    @Override
    public void onStop(LinkedRootSpanContext context) {
        Span span = getRequiredSpan(context);
        span.name(getSpanName(context));
        tagSpan(context, span);
        endSpan(context, span);
    }

    @Override
    public Tracer getTracer() {
        return tracer;
    }
}
