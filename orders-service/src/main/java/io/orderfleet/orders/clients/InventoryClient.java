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
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
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
    private final Resilience resilience;
    private final Timer reserveTimer;

    InventoryClient(FleetClientsProperties properties, RestClient.Builder builder, OAuth2ClientHttpRequestInterceptor serviceTokens,
            Resilience resilience, RequestIdPropagation requestIds, MeterRegistry meters) {
        this.http = builder.clone().baseUrl(properties.inventoryUrl().toString())
                .requestInterceptor(requestIds).requestInterceptor(serviceTokens)
                .requestFactory(HttpClients.factory(Duration.ofMillis(300), Duration.ofSeconds(2))).build();
        this.resilience = resilience;
        this.reserveTimer = Timer.builder("orders.reservation.call").description("reserve calls to inventory-service")
                .publishPercentileHistogram().register(meters);
    }

    public boolean isOpen() {
        return resilience.isOpen(PEER);
    }

    public ReserveResult reserve(UUID orderId, List<Line> lines) {
        return reserveTimer.record(() -> resilience.call(PEER, () -> call(() -> http.post()
                .uri("/internal/v1/reservations")
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
        return resilience.call(PEER, () -> call(() -> http.post()
                .uri("/internal/v1/reservations/{id}/release", orderId)
                .exchange((request, response) -> response.getStatusCode().value() == 200 ? Boolean.TRUE
                        : unexpected(response.getStatusCode().value()))));
    }

    public Optional<Reservation> find(UUID orderId) {
        return resilience.call(PEER, () -> call(() -> http.get()
                .uri("/internal/v1/reservations/{id}", orderId)
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

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            throw new PeerUnavailableException("inventory-service unreachable", e.getCause() != null ? e.getCause() : e);
        }
    }

    private static <T> T unexpected(int status) {
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            throw new PeerUnavailableException.TokenRefused("inventory-service");
        }
        throw new PeerUnavailableException("inventory-service answered " + status, null);
    }
}
