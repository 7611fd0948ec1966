package io.orderfleet.orders.webhook;

import io.orderfleet.common.problem.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Checks a webhook URL at creation: http(s), a host, no credentials, and only addresses the guard allows. */
final class WebhookUrls {

    private final TargetGuard guard;

    WebhookUrls(TargetGuard guard) {
        this.guard = guard;
    }

    /** The URL as it will be called; a 422 problem naming {@code url} when it is refused. */
    String validate(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            throw refused("must not contain a fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw refused("has an invalid port");
        }
        try {
            guard.resolve(uri.getHost());
        } catch (TargetGuard.RefusedTargetException e) {
            throw refused("resolves to a refused address (" + e.getMessage() + ")");
        } catch (UnknownHostException e) {
            throw refused("has a host name that does not resolve");
        }
        return uri.toString();
    }

    private static ProblemException refused(String message) {
        return ProblemException.unprocessable("url", message);
    }
}
