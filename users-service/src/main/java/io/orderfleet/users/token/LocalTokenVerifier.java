package io.orderfleet.users.token;

import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.common.security.InvalidTokenException;
import io.orderfleet.common.security.JwtClaimsMapper;
import io.orderfleet.common.security.TokenVerifier;
import java.security.Key;
import org.springframework.stereotype.Component;

/**
 * users-service verifies tokens with its own key in-process instead of fetching its own JWKS over HTTP.
 * Same rules as everywhere: RS256 only, our kid only, our issuer, not expired.
 */
@Component
public class LocalTokenVerifier implements TokenVerifier {

    private final JwtParser parser;

    public LocalTokenVerifier(SigningKey key, JwtProperties properties) {
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        if (!"RS256".equals(header.getAlgorithm()) || !key.kid().equals(header.getKeyId())) {
                            throw new InvalidTokenException("unknown key or algorithm");
                        }
                        return key.publicKey();
                    }
                })
                .requireIssuer(properties.issuer())
                .clockSkewSeconds(30)
                .build();
    }

    @Override
    public FleetPrincipal verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw new InvalidTokenException("missing or oversized token");
        }
        try {
            return JwtClaimsMapper.toPrincipal(parser.parseSignedClaims(token).getPayload());
        } catch (InvalidTokenException e) {
            throw e;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("token rejected", e);
        }
    }
}
