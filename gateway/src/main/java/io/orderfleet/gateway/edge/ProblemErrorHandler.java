package io.orderfleet.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Every error the gateway itself raises (404, 405, 413, ...) as problem+json, never a stack trace. */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = "An unexpected error occurred.";
        if (ex instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            detail = switch (status.value()) {
                case 404 -> "No such resource.";
                case 405 -> "Method not allowed.";
                case 413 -> "The request body is too large.";
                case 415 -> "Unsupported media type.";
                default -> rse.getReason() != null ? rse.getReason() : "The request could not be processed.";
            };
        } else {
            log.error("Unexpected gateway failure on {}", exchange.getRequest().getPath(), ex);
        }
        HttpStatus resolved = HttpStatus.resolve(status.value());
        return EdgeProblems.write(exchange, status, resolved == null ? "Error" : resolved.getReasonPhrase(), detail);
    }
}
