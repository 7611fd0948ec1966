package io.orderfleet.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace collector in the test's memory: the services export to it exactly as they would to
 * Jaeger ({@code POST /v1/traces}, protobuf), and it keeps every span it is sent. It decodes only the fields
 * a trace assertion needs (ids, parent, name, kind, the resource's {@code service.name}), straight from the
 * protobuf wire format of opentelemetry-proto's {@code ExportTraceServiceRequest}.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    static final int KIND_SERVER = 2;
    static final int KIND_CLIENT = 3;

    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {

        boolean isServer() {
            return kind == KIND_SERVER;
        }

        boolean isClient() {
            return kind == KIND_CLIENT;
        }
    }

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    OtlpTraceReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    /** The endpoint to give {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<ExportedSpan> spansOf(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Requests that were not an OTLP protobuf export (content type, method): none expected. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("application/x-protobuf")) {
                refused.add(exchange.getRequestMethod() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            spans.addAll(decodeExportRequest(body.readAllBytes()));
            // an empty ExportTraceServiceResponse: full success
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    static List<ExportedSpan> decodeExportRequest(byte[] request) {
        List<ExportedSpan> decoded = new ArrayList<>();
        for (Field resourceSpans : Field.all(request)) {
            if (resourceSpans.number != 1) {
                continue;
            }
            String service = "";
            List<byte[]> scopeSpans = new ArrayList<>();
            for (Field f : Field.all(resourceSpans.bytes)) {
                if (f.number == 1) {
                    service = attributes(f.bytes, 1).getOrDefault("service.name", "");
                } else if (f.number == 2) {
                    scopeSpans.add(f.bytes);
                }
            }
            for (byte[] scope : scopeSpans) {
                for (Field span : Field.all(scope)) {
                    if (span.number == 2) {
                        decoded.add(span(service, span.bytes));
                    }
                }
            }
        }
        return decoded;
    }

    private static ExportedSpan span(String service, byte[] span) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Field f : Field.all(span)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint;
                default -> {
                    // times, attributes, events, links, status: not needed here
                }
            }
        }
        return new ExportedSpan(service, traceId, spanId, parent, name, kind);
    }

    /** The string attributes of a message whose field {@code number} is a repeated KeyValue. */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field kv : Field.all(message)) {
            if (kv.number != number) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field f : Field.all(kv.bytes)) {
                if (f.number == 1) {
                    key = new String(f.bytes, StandardCharsets.UTF_8);
                } else if (f.number == 2) {
                    for (Field any : Field.all(f.bytes)) {
                        if (any.number == 1) {
                            value = new String(any.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            if (key != null && value != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    /** One protobuf field: its number and either its varint value or its length-delimited bytes. */
    private record Field(int number, long varint, byte[] bytes) {

        static List<Field> all(byte[] message) {
            List<Field> fields = new ArrayList<>();
            ByteArrayInputStream in = new ByteArrayInputStream(message);
            while (in.available() > 0) {
                long tag = varint(in);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(in), null));
                    case 1 -> fields.add(new Field(number, 0, take(in, 8)));
                    case 2 -> fields.add(new Field(number, 0, take(in, (int) varint(in))));
                    case 5 -> fields.add(new Field(number, 0, take(in, 4)));
                    default -> throw new IllegalArgumentException("unsupported protobuf wire type in tag " + tag);
                }
            }
            return fields;
        }

        private static byte[] take(ByteArrayInputStream in, int n) {
            byte[] bytes = new byte[n];
            if (n < 0 || in.read(bytes, 0, n) != n) {
                throw new IllegalArgumentException("truncated protobuf field");
            }
            return bytes;
        }

        private static long varint(ByteArrayInputStream in) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalArgumentException("truncated varint");
                }
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 64 bits");
        }
    }
}
