package io.orderfleet.gateway.edge;

import io.orderfleet.common.web.RequestIds;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** X-Request-Id: the caller's if sane, else a new one; sent upstream and returned on every response. */
@Component
@Order(-300)
public class RequestIdFilter implements WebFilter {

    public static final String ATTRIBUTE = "orderfleet.requestId";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.saneOrNew(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        var request = exchange.getRequest().mutate().headers(h -> h.set(RequestIds.HEADER, requestId)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
