package io.orderfleet.common.test;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Tokens shaped exactly like users-service's, signed by {@link TestJwks}, plus the forged ones every
 * service must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "orderfleet-users";

    private TestTokens() {
    }

    public static String user(long userId) {
        return userToken(userId, "user" + userId + "@example.test", "user").compact();
    }

    public static String admin(long userId) {
        return userToken(userId, "admin" + userId + "@example.test", "admin").compact();
    }

    public static String service(String clientId, String... scopes) {
        return base(TestJwks.get().keyPair().getPrivate(), TestJwks.KID, Duration.ofMinutes(5))
                .subject(clientId)
                .audience().add("orderfleet-internal").and()
                .claim("scope", String.join(" ", scopes))
                .compact();
    }

    public static String expiredUser(long userId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwts.builder().header().keyId(TestJwks.KID).and()
                .issuer(ISSUER).subject(Long.toString(userId))
                .audience().add("orderfleet-api").and()
                .claim("role", "user")
                .issuedAt(Date.from(past)).expiration(Date.from(past.plus(Duration.ofMinutes(15))))
                .signWith(TestJwks.get().keyPair().getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    /** Signed by a key nobody published. */
    public static String withUnknownKid(long userId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return base(generator.generateKeyPair().getPrivate(), "unknown-kid", Duration.ofMinutes(15))
                    .subject(Long.toString(userId)).audience().add("orderfleet-api").and()
                    .claim("role", "admin").compact();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with a guessable secret: the classic algorithm-confusion forgery. */
    public static String hs256(long userId) {
        return Jwts.builder().header().keyId(TestJwks.KID).and()
                .issuer(ISSUER).subject(Long.toString(userId))
                .audience().add("orderfleet-api").and().claim("role", "admin")
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(Keys.hmacShaKeyFor("a-secret-that-is-long-enough-for-hs256!!".getBytes(StandardCharsets.UTF_8)),
                        Jwts.SIG.HS256)
                .compact();
    }

    /** Correctly signed by the published key, but issued by someone else. */
    public static String fromAnotherIssuer(long userId) {
        return userToken(userId, "user" + userId + "@example.test", "admin").issuer("someone-else").compact();
    }

    /** Correctly signed by the published key, but meant for another API. */
    public static String forAnotherAudience(long userId) {
        return base(TestJwks.get().keyPair().getPrivate(), TestJwks.KID, Duration.ofMinutes(15))
                .subject(Long.toString(userId)).audience().add("another-api").and()
                .claim("role", "admin").compact();
    }

    /** Every forged or foreign token a fleet resource server must refuse with 401. */
    public static String[] forged(long userId) {
        return new String[] {expiredUser(userId), withUnknownKid(userId), hs256(userId), unsigned(userId),
                tamperedToAdmin(userId), fromAnotherIssuer(userId), forAnotherAudience(userId)};
    }

    /** {@code alg: none}. */
    public static String unsigned(long userId) {
        return Jwts.builder().header().keyId(TestJwks.KID).and()
                .issuer(ISSUER).subject(Long.toString(userId))
                .audience().add("orderfleet-api").and().claim("role", "admin")
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(900)))
                .compact();
    }

    /** A valid user token whose payload was edited to claim the admin role afterwards. */
    public static String tamperedToAdmin(long userId) {
        String[] parts = user(userId).split("\\.");
        var decoder = java.util.Base64.getUrlDecoder();
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"role\":\"user\"", "\"role\":\"admin\"");
        return parts[0] + "." + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static JwtBuilder userToken(long userId, String email, String role) {
        return base(TestJwks.get().keyPair().getPrivate(), TestJwks.KID, Duration.ofMinutes(15))
                .subject(Long.toString(userId))
                .audience().add("orderfleet-api").and()
                .claim("email", email)
                .claim("role", role);
    }

    private static JwtBuilder base(PrivateKey key, String kid, Duration lifetime) {
        Instant now = Instant.now();
        return Jwts.builder().header().keyId(kid).and()
                .issuer(ISSUER)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .signWith(key, Jwts.SIG.RS256);
    }
}
