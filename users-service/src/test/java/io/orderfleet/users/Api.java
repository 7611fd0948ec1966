package io.orderfleet.users;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny real-HTTP client for the service under test. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final int port;

    public Api(int port) {
        this.port = port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postForm(String path, String basicAuth, String form) {
        HttpRequest.Builder builder = request(path, null).header("Content-Type", "application/x-www-form-urlencoded");
        if (basicAuth != null) {
            builder.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes()));
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(form)));
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

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
