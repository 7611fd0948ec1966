package io.orderfleet.users;

import io.orderfleet.common.test.ApiClient;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The shared test client plus the identity shortcuts these tests use. */
public final class Api extends ApiClient {

    public Api(int port) {
        super(port);
    }

    /** Registers a fresh shopper and returns the token response. */
    public JsonNode register(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        Response r = post("/api/v1/auth/register", null,
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    public String login(String email, String password) {
        Response r = post("/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.body());
        }
        return r.json().get("accessToken").asString();
    }

    public String adminToken() {
        return login("root-admin@fleet.test", "root-admin-password");
    }
}
