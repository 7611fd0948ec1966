package io.orderfleet.orders;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every span the service ends, kept in memory as it ends (a synchronous processor beside Boot's own),
 * so tests assert on real spans and their parent links instead of scraping logs. Registered as a test
 * auto-configuration: every context of the module has it without a context of its own.
 */
public final class CapturedSpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    public List<SpanData> ofTrace(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    public List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    public Optional<SpanData> byId(String spanId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getSpanId().equals(spanId)).findFirst();
    }

    /** Whether {@code span} descends from {@code ancestorId} through spans that were captured. */
    public boolean descendsFrom(SpanData span, String ancestorId) {
        SpanData current = span;
        for (int depth = 0; depth < 50 && current != null; depth++) {
            if (current.getParentSpanId().equals(ancestorId)) {
                return true;
            }
            current = byId(current.getParentSpanId()).orElse(null);
        }
        return false;
    }

    @AutoConfiguration
    public static class Configuration {

        @Bean
        CapturedSpans capturedSpans() {
            return new CapturedSpans();
        }

        @Bean
        SpanProcessor capturedSpanProcessor(CapturedSpans spans) {
            return SimpleSpanProcessor.create(spans.exporter);
        }
    }
}
