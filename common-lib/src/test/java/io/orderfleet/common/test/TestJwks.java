package io.orderfleet.common.test;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A real JWKS endpoint over HTTP for tests of services that verify tokens issued by users-service:
 * one RSA key pair per JVM, published at {@link #uri()}. {@link TestTokens} signs with it.
 */
public final class TestJwks {

    public static final String KID = "test-key-1";
    private static TestJwks instance;

    private final KeyPair keyPair;
    private final URI uri;

    private TestJwks(KeyPair keyPair, URI uri) {
        this.keyPair = keyPair;
        this.uri = uri;
    }

    public static synchronized TestJwks get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public URI uri() {
        return uri;
    }

    private static TestJwks start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            byte[] body = jwks((RSAPublicKey) keyPair.getPublic()).getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new TestJwks(keyPair, URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/.well-known/jwks.json"));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not start the test JWKS server", e);
        }
    }

    static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}]}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
