package io.orderfleet.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@FleetIntegrationTest
class AuthFlowTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void registerLoginRefreshAndLogoutWorkEndToEnd() {
        String email = "Ada.Lovelace+" + UUID.randomUUID() + "@Example.TEST ";
        var registered = api.post("/api/v1/auth/register", null,
                "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"password\":\"analytical-engine\"}");
        assertThat(registered.status()).isEqualTo(201);
        JsonNode body = registered.json();
        assertThat(body.get("user").get("email").asString()).isEqualTo(email.trim().toLowerCase());
        assertThat(body.get("user").get("role").asString()).isEqualTo("user");
        assertThat(body.get("user").has("passwordHash")).isFalse();
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);

        var me = api.get("/api/v1/users/me", body.get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asLong()).isEqualTo(body.get("user").get("id").asLong());

        var login = api.post("/api/v1/auth/login", null,
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"analytical-engine\"}");
        assertThat(login.status()).isEqualTo(200);

        String refresh = login.json().get("refreshToken").asString();
        var rotated = api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json().get("refreshToken").asString();
        assertThat(next).isNotEqualTo(refresh);

        assertThat(api.post("/api/v1/auth/logout", null, "{\"refreshToken\":\"" + next + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + next + "\"}").status()).isEqualTo(401);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        JsonNode session = api.register("Mallory");
        String first = session.get("refreshToken").asString();
        String second = api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + first + "\"}")
                .json().get("refreshToken").asString();

        var replay = api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + first + "\"}");
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");

        // the legitimate holder's newer token died with the family
        assertThat(api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + second + "\"}").status())
                .isEqualTo(401);
    }

    @Test
    void aDuplicateEmailIsAConflictWhateverItsLetterCase() {
        String email = "grace-" + UUID.randomUUID() + "@example.test";
        assertThat(api.post("/api/v1/auth/register", null,
                "{\"name\":\"Grace\",\"email\":\"" + email + "\",\"password\":\"cobol-rocks-1\"}").status()).isEqualTo(201);

        var duplicate = api.post("/api/v1/auth/register", null,
                "{\"name\":\"Grace\",\"email\":\"" + email.toUpperCase() + "\",\"password\":\"cobol-rocks-2\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("status").asInt()).isEqualTo(409);
    }

    @Test
    void aRoleFieldAtRegistrationNeverMakesAnAdmin() {
        String email = "sneaky-" + UUID.randomUUID() + "@example.test";
        var registered = api.post("/api/v1/auth/register", null,
                "{\"name\":\"Sneaky\",\"email\":\"" + email + "\",\"password\":\"let-me-in-please\",\"role\":\"admin\"}");

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("user").get("role").asString()).isEqualTo("user");
        String token = registered.json().get("accessToken").asString();
        assertThat(api.get("/api/v1/users", token).status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordUnknownEmailAndDeactivatedAccountAllGetTheSame401() {
        JsonNode session = api.register("Dora");
        String email = session.get("user").get("email").asString();
        long id = session.get("user").get("id").asLong();
        String refresh = session.get("refreshToken").asString();

        var wrong = api.post("/api/v1/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"nope-nope-nope\"}");
        var unknown = api.post("/api/v1/auth/login", null,
                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\",\"password\":\"nope-nope-nope\"}");
        assertThat(api.delete("/api/v1/users/" + id, api.adminToken()).status()).isEqualTo(204);
        var deactivated = api.post("/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(deactivated.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asString()).isEqualTo(unknown.json().get("detail").asString())
                .isEqualTo(deactivated.json().get("detail").asString());
        assertThat(api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}").status())
                .isEqualTo(401);
    }

    @Test
    void repeatedFailedLoginsForOneEmailAreThrottledEvenWithTheRightPassword() {
        JsonNode session = api.register("Bruteforced");
        String email = session.get("user").get("email").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"guess-" + i + "-xx\"}").status()).isEqualTo(401);
        }

        var throttled = api.post("/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
    }

    @Test
    void malformedJsonIs400AndInvalidFieldsAre422WithFieldErrors() {
        var malformed = api.post("/api/v1/auth/register", null, "{\"name\": \"x\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("jackson");

        var invalid = api.post("/api/v1/auth/register", null,
                "{\"name\":\"\",\"email\":\"not-an-email\",\"password\":\"short\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors")).hasSize(3);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "email", "password");

        assertThat(api.post("/api/v1/auth/login", null, "[]").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/refresh", null, "{}").status()).isEqualTo(422);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        JsonNode session = api.register("Changer");
        String token = session.get("accessToken").asString();
        String refresh = session.get("refreshToken").asString();

        var refused = api.patch("/api/v1/users/me", token, "{\"currentPassword\":\"wrong-one!\",\"newPassword\":\"brand-new-pass\"}");
        assertThat(refused.status()).isEqualTo(422);

        var changed = api.patch("/api/v1/users/me", token,
                "{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"brand-new-pass\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(401);
        api.login(session.get("user").get("email").asString(), "brand-new-pass");
    }

    @Test
    void preferencesAreAJsonObjectOfAtMost8KiB() {
        String token = api.register("Prefs").get("accessToken").asString();

        assertThat(api.get("/api/v1/users/me/preferences", token).body()).isEqualTo("{}");
        assertThat(api.put("/api/v1/users/me/preferences", token, "{\"theme\":\"dark\"}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me/preferences", token).json().get("theme").asString()).isEqualTo("dark");
        assertThat(api.put("/api/v1/users/me/preferences", token, "[1,2]").status()).isEqualTo(422);
        assertThat(api.put("/api/v1/users/me/preferences", token, "{\"x\":\"" + "a".repeat(9000) + "\"}").status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/users/me/preferences", token).json().get("theme").asString()).isEqualTo("dark");
    }
}
