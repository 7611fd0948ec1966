package io.orderfleet.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.orderfleet.common.test.FleetInfrastructureInitializer;
import io.orderfleet.common.test.TestJwks;
import io.orderfleet.common.test.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * users-service's JWKS endpoint for the gateway under test: it publishes {@link TestJwks}'s key (so
 * {@link TestTokens} pass), publishes more keys when a test rotates, and counts the requests it gets.
 */
final class JwksServer {

    static final JwksServer INSTANCE = new JwksServer();

    private final List<JWK> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean failing;
    private final HttpServer server;

    private JwksServer() {
        publish(TestJwks.KID, TestJwks.get().keyPair());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                requests.incrementAndGet();
                if (failing) {
                    exchange.sendResponseHeaders(503, -1); // users-service unavailable (restarting, say)
                    exchange.close();
                    return;
                }
                byte[] body = new JWKSet(keys).toString().getBytes(StandardCharsets.UTF_8); // public parts only
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fleet's test infrastructure, with the edge check's JWKS here instead of at common-lib's
     * {@link TestJwks} server (whose initializer would otherwise win over a {@code @DynamicPropertySource}).
     */
    static final class Initializer extends FleetInfrastructureInitializer {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + INSTANCE.uri())
                    .applyTo(context.getEnvironment());
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    int requests() {
        return requests.get();
    }

    /** From now on the endpoint answers 503 (true) or its keys again (false). */
    void failing(boolean failing) {
        this.failing = failing;
    }

    /** From now on the endpoint lists this key too (a rotation at users-service). */
    void publish(String kid, KeyPair pair) {
        keys.add(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build());
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user token shaped like users-service's, signed with {@code pair} and naming {@code kid}. */
    static String userToken(KeyPair pair, String kid, long userId) {
        Instant now = Instant.now();
        return Jwts.builder().header().keyId(kid).and()
                .issuer(TestTokens.ISSUER).subject(Long.toString(userId))
                .audience().add("orderfleet-api").and()
                .claim("email", "user" + userId + "@example.test").claim("role", "user")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(15))))
                .signWith(pair.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }
}
