package io.orderfleet.gateway.health;

import io.orderfleet.gateway.edge.GatewayProperties;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** GET /healthz: the fleet's aggregate readiness, all three services checked in parallel with a short timeout. */
@Configuration
class HealthzConfig {

    @Bean
    RouterFunction<ServerResponse> healthz(GatewayProperties.Upstreams upstreams) {
        WebClient client = WebClient.builder().build();
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("users", upstreams.usersUrl());
        services.put("orders", upstreams.ordersUrl());
        services.put("inventory", upstreams.inventoryUrl());
        return RouterFunctions.route().GET("/healthz", request -> Mono.zip(
                services.entrySet().stream().map(e -> check(client, e.getValue()).map(up -> Map.entry(e.getKey(), up))).toList(),
                results -> {
                    Map<String, String> statuses = new LinkedHashMap<>();
                    boolean allUp = true;
                    for (Object r : results) {
                        @SuppressWarnings("unchecked")
                        Map.Entry<String, Boolean> entry = (Map.Entry<String, Boolean>) r;
                        statuses.put(entry.getKey(), entry.getValue() ? "UP" : "DOWN");
                        allUp &= entry.getValue();
                    }
                    return Map.of("status", allUp ? "UP" : "DOWN", "services", statuses);
                })
                .flatMap(body -> ServerResponse.status("UP".equals(body.get("status")) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").bodyValue(body)))
                .build();
    }

    private static Mono<Boolean> check(WebClient client, URI base) {
        return client.get().uri(base.resolve("/actuator/health/readiness")).retrieve().toBodilessEntity()
                .map(response -> response.getStatusCode().is2xxSuccessful())
                .timeout(Duration.ofMillis(1500))
                .onErrorReturn(false);
    }
}
