package io.orderfleet.users.token;

import io.jsonwebtoken.Jwts;
import io.orderfleet.common.security.FleetPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Mints the fleet's access tokens (users) and service tokens (OAuth2 clients). */
@Component
public class TokenIssuer {

    private final SigningKey key;
    private final JwtProperties properties;
    private final Clock clock;

    public TokenIssuer(SigningKey key, JwtProperties properties) {
        this.key = key;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public String accessToken(long userId, String email, String role) {
        Instant now = clock.instant();
        return Jwts.builder().header().keyId(key.kid()).and()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(Long.toString(userId))
                .audience().add(FleetPrincipal.USER_AUDIENCE).and()
                .claim("email", email)
                .claim("role", role)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .signWith(key.privateKey(), Jwts.SIG.RS256)
                .compact();
    }

    public String serviceToken(String clientId, Collection<String> scopes) {
        Instant now = clock.instant();
        return Jwts.builder().header().keyId(key.kid()).and()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(clientId)
                .audience().add(FleetPrincipal.SERVICE_AUDIENCE).and()
                .claim("scope", String.join(" ", scopes))
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.serviceTokenTtl())))
                .signWith(key.privateKey(), Jwts.SIG.RS256)
                .compact();
    }

    public long accessTokenSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    public long serviceTokenSeconds() {
        return properties.serviceTokenTtl().toSeconds();
    }
}
