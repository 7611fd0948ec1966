package io.orderfleet.orders.clients;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderfleet.common.web.RequestIdPropagation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** inventory-service's internal reservations API, through {@link Resilience}. */
@Component
public class InventoryClient {

    public static final String PEER = "inventory";

    public record Line(String sku, int qty) {
    }

    public record ReservedLine(String sku, String name, int qty, long unitPriceCents) {
    }

    public record Reservation(UUID orderId, String status, List<ReservedLine> lines) {
    }

    /** What inventory said to a reserve: reserved, or refused for a reason the client must hear. */
    public sealed interface ReserveResult {
        record Reserved(Reservation reservation) implements ReserveResult {
        }

        record Refused(int status, String detail, Map<String, Object> problem) implements ReserveResult {
        }
    }

    private final RestClient http;
    private final ServiceTokens tokens;
    private final Resilience resilience;
    private final Timer reserveTimer;

    InventoryClient(FleetClientsProperties properties, ServiceTokens tokens,
            Resilience resilience, RequestIdPropagation requestIds, MeterRegistry meters) {
        this.http = RestClient.builder().baseUrl(properties.inventoryUrl().toString()).requestInterceptor(requestIds)
                .requestFactory(HttpClients.factory(Duration.ofMillis(300), Duration.ofSeconds(2))).build();
        this.tokens = tokens;
        this.resilience = resilience;
        this.reserveTimer = Timer.builder("orders.reservation.call").description("reserve calls to inventory-service")
                .publishPercentileHistogram().register(meters);
    }

    public boolean isOpen() {
        return resilience.isOpen(PEER);
    }

    public ReserveResult reserve(UUID orderId, List<Line> lines) {
        return reserveTimer.record(() -> resilience.call(PEER, () -> withToken(token -> http.post()
                .uri("/internal/v1/reservations").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "lines", lines))
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 200 || status == 201) {
                        return new ReserveResult.Reserved(response.bodyTo(Reservation.class));
                    }
                    if (status == 409 || status == 422) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> problem = response.bodyTo(Map.class);
                        return new ReserveResult.Refused(status, String.valueOf(problem.get("detail")), problem);
                    }
                    return unexpected(status);
                }))));
    }

    /** True once inventory has acknowledged (released now, earlier, or tombstoned an unknown order). */
    public boolean release(UUID orderId) {
        return resilience.call(PEER, () -> withToken(token -> http.post()
                .uri("/internal/v1/reservations/{id}/release", orderId).headers(h -> h.setBearerAuth(token))
                .exchange((request, response) -> response.getStatusCode().value() == 200 ? Boolean.TRUE
                        : unexpected(response.getStatusCode().value()))));
    }

    public Optional<Reservation> find(UUID orderId) {
        return resilience.call(PEER, () -> withToken(token -> http.get()
                .uri("/internal/v1/reservations/{id}", orderId).headers(h -> h.setBearerAuth(token))
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 200) {
                        return Optional.of(response.bodyTo(Reservation.class));
                    }
                    if (status == 404) {
                        return Optional.<Reservation>empty();
                    }
                    return unexpected(status);
                })));
    }

    private <T> T withToken(java.util.function.Function<String, T> call) {
        try {
            try {
                return call.apply(tokens.token());
            } catch (TokenRefused e) {
                tokens.invalidate();
                return call.apply(tokens.token());
            }
        } catch (TokenRefused e) {
            throw new PeerUnavailableException("inventory-service refused the service token", e);
        } catch (RestClientException | IllegalStateException e) {
            throw new PeerUnavailableException("inventory-service unreachable", e.getCause() != null ? e.getCause() : e);
        }
    }

    private static <T> T unexpected(int status) {
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            throw new TokenRefused();
        }
        throw new PeerUnavailableException("inventory-service answered " + status, null);
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused() {
            super("service token refused", null, false, false);
        }
    }
}
