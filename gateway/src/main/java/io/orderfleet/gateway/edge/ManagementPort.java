package io.orderfleet.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The actuator listens on its own port, but the edge's web filters are beans of the parent context and
 * also run there. Filters that shape public traffic (blocked paths, the SPA, the access log) ask this
 * whether a request came in on the management port and then stay out of its way, so probes and
 * Prometheus reach the actuator.
 */
@Component
public class ManagementPort {

    private volatile int port = -1;

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    public boolean received(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return port > 0 && local != null && local.getPort() == port;
    }
}
