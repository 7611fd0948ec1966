package io.orderfleet.users.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param privateKeyPem PKCS#8 RSA key (production: from a Secret)
 * @param keyFile otherwise a file holding the key, generated once when missing (local runs)
 */
@ConfigurationProperties("orderfleet.jwt")
public record JwtProperties(
        String privateKeyPem,
        String keyFile,
        @DefaultValue("orderfleet-users") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("5m") Duration serviceTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl) {
}
