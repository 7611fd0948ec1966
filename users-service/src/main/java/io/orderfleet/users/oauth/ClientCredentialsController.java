package io.orderfleet.users.oauth;

import io.orderfleet.users.token.TokenIssuer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth2 client-credentials grant (RFC 6749 §4.4) for service-to-service calls. Errors follow RFC 6749
 * §5.2 ({@code error}, {@code error_description}) because OAuth clients expect that shape here.
 */
@RestController
class ClientCredentialsController {

    private final OAuthClientsProperties properties;
    private final TokenIssuer issuer;

    ClientCredentialsController(OAuthClientsProperties properties, TokenIssuer issuer) {
        this.properties = properties;
        this.issuer = issuer;
    }

    @PostMapping(value = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestBody(required = false) MultiValueMap<String, String> form,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        String grantType = form == null ? null : form.getFirst("grant_type");
        String[] credentials = credentials(authorization, form);
        if (credentials == null) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication is required.");
        }
        OAuthClientsProperties.Client client = properties.clients().get(credentials[0]);
        boolean valid = client != null && client.secret() != null && !client.secret().isBlank()
                && MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                        credentials[1].getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret.");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "Only client_credentials is supported.");
        }
        List<String> allowed = Arrays.stream(client.scopes() == null ? new String[0] : client.scopes().split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        List<String> granted = allowed;
        String requested = form.getFirst("scope");
        if (requested != null && !requested.isBlank()) {
            granted = Arrays.stream(requested.trim().split("\\s+")).toList();
            if (!allowed.containsAll(granted)) {
                return error(HttpStatus.BAD_REQUEST, "invalid_scope", "A requested scope is not allowed.");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issuer.serviceToken(credentials[0], granted));
        body.put("token_type", "Bearer");
        body.put("expires_in", issuer.serviceTokenSeconds());
        body.put("scope", String.join(" ", granted));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static String[] credentials(String authorization, MultiValueMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                // RFC 6749 §2.3.1: clients form-encode id and secret before Basic (Spring Security's client does)
                return colon < 1 ? null : new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (form != null && form.getFirst("client_id") != null && form.getFirst("client_secret") != null) {
            return new String[] {form.getFirst("client_id"), form.getFirst("client_secret")};
        }
        return null;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String description) {
        var response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (status == HttpStatus.UNAUTHORIZED) {
            response = response.header("WWW-Authenticate", "Basic realm=\"orderfleet\"");
        }
        return response.body(Map.of("error", error, "error_description", description));
    }
}
