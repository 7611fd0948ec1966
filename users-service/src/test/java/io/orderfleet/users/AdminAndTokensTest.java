package io.orderfleet.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import io.orderfleet.users.token.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

@FleetIntegrationTest
class AdminAndTokensTest {

    @LocalServerPort
    int port;
    @Autowired
    SigningKey signingKey;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void adminEndpointsAreForbiddenToUsers() {
        String user = api.register("Plain").get("accessToken").asString();

        assertThat(api.get("/api/v1/users", user).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/stats", user).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users", user,
                "{\"name\":\"x\",\"email\":\"x@example.test\",\"password\":\"12345678\",\"role\":\"admin\"}").status())
                .isEqualTo(403);
        assertThat(api.patch("/api/v1/users/1", user, "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/users/1", user).json().get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aUserCannotReadAnotherUserButCanReadThemselves() {
        JsonNode alice = api.register("Alice");
        JsonNode bob = api.register("Bob");
        String aliceToken = alice.get("accessToken").asString();

        assertThat(api.get("/api/v1/users/" + bob.get("user").get("id").asLong(), aliceToken).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/" + alice.get("user").get("id").asLong(), aliceToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + bob.get("user").get("id").asLong(), api.adminToken()).status())
                .isEqualTo(200);
    }

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDeactivated() {
        String admin = api.adminToken();
        long rootId = api.get("/api/v1/users/me", admin).json().get("id").asLong();
        // make sure no other active admin exists from earlier tests
        JsonNode others = api.get("/api/v1/users?role=admin&active=true&size=100", admin).json().get("content");
        for (JsonNode other : others) {
            if (other.get("id").asLong() != rootId) {
                api.patch("/api/v1/users/" + other.get("id").asLong(), admin, "{\"active\":false}");
            }
        }

        var demote = api.patch("/api/v1/users/" + rootId, admin, "{\"role\":\"user\"}");
        var deactivate = api.delete("/api/v1/users/" + rootId, admin);

        assertThat(demote.status()).isEqualTo(409);
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/users/me", admin).json().get("role").asString()).isEqualTo("admin");

        // with a second admin, the first may step down
        String email = "second-admin-" + UUID.randomUUID() + "@example.test";
        var created = api.post("/api/v1/users", admin,
                "{\"name\":\"Second\",\"email\":\"" + email + "\",\"password\":\"second-admin-pw\",\"role\":\"admin\"}");
        assertThat(created.status()).isEqualTo(201);
        long secondId = created.json().get("id").asLong();
        String second = api.login(email, "second-admin-pw");
        assertThat(api.patch("/api/v1/users/" + secondId, second, "{\"role\":\"user\"}").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/users/" + secondId, admin, "{\"role\":\"admin\"}").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/users/" + secondId, admin, "{\"active\":false}").status()).isEqualTo(200);
    }

    @Test
    void adminsListSearchAndFilterUsersInPages() {
        String admin = api.adminToken();
        JsonNode zed = api.register("Zedonk");

        var page = api.get("/api/v1/users?q=zedonk&size=5&sort=createdAt,desc", admin).json();
        assertThat(page.get("content").findValuesAsString("email")).contains(zed.get("user").get("email").asString());
        assertThat(page.get("page").get("size").asInt()).isEqualTo(5);
        assertThat(page.get("page").get("totalElements").asLong()).isPositive();

        assertThat(api.get("/api/v1/users?size=1000", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?sort=password_hash", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?role=root", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?active=maybe", admin).status()).isEqualTo(400);
    }

    @Test
    void statsCountUsersByRoleAndSignupsPerDay() {
        api.register("Counted");
        JsonNode stats = api.get("/api/v1/users/stats?days=7", api.adminToken()).json();

        assertThat(stats.get("totalUsers").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("byRole").get("admin").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("signupsPerDay")).hasSize(7);
        assertThat(stats.get("signupsPerDay").get(6).get("count").asLong()).isPositive();
        assertThat(api.get("/api/v1/users/stats?days=0", api.adminToken()).status()).isEqualTo(400);
    }

    @Test
    void forgedExpiredAndForeignTokensAreAll401() {
        long id = api.register("Target").get("user").get("id").asLong();
        String valid = api.login("root-admin@fleet.test", "root-admin-password");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"sub\":\"", "\"sub\":\"9").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Jwts.builder().header().keyId(signingKey.kid()).and().issuer("orderfleet-users")
                .subject(Long.toString(id)).audience().add("orderfleet-api").and().claim("role", "user")
                .issuedAt(Date.from(past)).expiration(Date.from(past.plusSeconds(900)))
                .signWith(signingKey.privateKey(), Jwts.SIG.RS256).compact();
        String hmacWithOurKid = Jwts.builder().header().keyId(signingKey.kid()).and().issuer("orderfleet-users")
                .subject(Long.toString(id)).audience().add("orderfleet-api").and().claim("role", "admin")
                .expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(Keys.hmacShaKeyFor(signingKey.publicKey().getEncoded()), Jwts.SIG.HS256).compact();
        String unsignedWithOurKid = Jwts.builder().header().keyId(signingKey.kid()).and().issuer("orderfleet-users")
                .subject(Long.toString(id)).audience().add("orderfleet-api").and().claim("role", "admin")
                .expiration(Date.from(Instant.now().plusSeconds(900))).compact();
        String otherIssuerWithOurKey = Jwts.builder().header().keyId(signingKey.kid()).and().issuer("someone-else")
                .subject(Long.toString(id)).audience().add("orderfleet-api").and().claim("role", "admin")
                .expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(signingKey.privateKey(), Jwts.SIG.RS256).compact();
        String otherAudienceWithOurKey = Jwts.builder().header().keyId(signingKey.kid()).and().issuer("orderfleet-users")
                .subject(Long.toString(id)).audience().add("another-api").and().claim("role", "admin")
                .expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(signingKey.privateKey(), Jwts.SIG.RS256).compact();

        assertThat(api.get("/api/v1/users/me", valid).status()).isEqualTo(200);
        for (String forged : new String[] {tampered, expired, hmacWithOurKid, unsignedWithOurKid,
                otherIssuerWithOurKey, otherAudienceWithOurKey, TestTokens.withUnknownKid(id), TestTokens.user(id),
                "garbage"}) {
            var response = api.get("/api/v1/users/me", forged);
            assertThat(response.status()).as(forged).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/users/me", null).status()).isEqualTo(401);
    }

    @Test
    void jwksPublishesTheKeyThatVerifiesIssuedTokens() {
        JsonNode jwks = api.get("/.well-known/jwks.json", null).json();

        assertThat(jwks.get("keys")).hasSize(1);
        assertThat(jwks.get("keys").get(0).get("kid").asString()).isEqualTo(signingKey.kid());
        assertThat(jwks.get("keys").get(0).has("d")).isFalse();
        var decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json").build();
        assertThat(decoder.decode(api.adminToken()).getClaimAsString("role")).isEqualTo("admin");
    }

    @Test
    void theClientCredentialsGrantIssuesServiceTokensThatOnlyInternalEndpointsAccept() {
        long id = api.register("Looked-up").get("user").get("id").asLong();

        var granted = api.postForm("/oauth2/token", "orders-service:test-orders-secret", "grant_type=client_credentials");
        assertThat(granted.status()).isEqualTo(200);
        String serviceToken = granted.json().get("access_token").asString();
        assertThat(granted.json().get("scope").asString()).isEqualTo("users:read inventory:reserve");

        var internal = api.get("/internal/v1/users/" + id, serviceToken);
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.json().get("active").asBoolean()).isTrue();
        assertThat(internal.json().get("role").asString()).isEqualTo("user");
        assertThat(api.get("/internal/v1/users/999999999", serviceToken).status()).isEqualTo(404);

        assertThat(api.get("/internal/v1/users/" + id, api.adminToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/me", serviceToken).status()).isEqualTo(403);
        assertThat(api.postForm("/oauth2/token", "orders-service:wrong", "grant_type=client_credentials").status())
                .isEqualTo(401);
        assertThat(api.postForm("/oauth2/token", null,
                "grant_type=client_credentials&client_id=orders-service&client_secret=test-orders-secret").status())
                .isEqualTo(200);
        assertThat(api.postForm("/oauth2/token", "orders-service:test-orders-secret", "grant_type=password").json()
                .get("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(api.postForm("/oauth2/token", "orders-service:test-orders-secret",
                "grant_type=client_credentials&scope=admin").status()).isEqualTo(400);
    }

    @Test
    void healthAndApiDocsAreServed() {
        assertThat(api.get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).json().get("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(api.get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
        var unknown = api.get("/api/v1/nothing-here", api.adminToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.header("X-Request-Id")).isNotBlank();
    }
}
