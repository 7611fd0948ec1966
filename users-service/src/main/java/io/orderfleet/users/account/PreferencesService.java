package io.orderfleet.users.account;

import io.orderfleet.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's UI preferences: any JSON object up to 8 KiB, stored as jsonb. */
@Service
class PreferencesService {

    static final int MAX_BYTES = 8 * 1024;

    private final UserRepository users;
    private final JsonMapper json;

    PreferencesService(UserRepository users, JsonMapper json) {
        this.users = users;
        this.json = json;
    }

    String get(long userId) {
        return users.preferences(userId);
    }

    String put(long userId, String body) {
        if (body == null || body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.unprocessable("preferences", "must be a JSON object of at most 8 KiB");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.unprocessable("preferences", "must be a JSON object");
        }
        String canonical = json.writeValueAsString(node);
        users.savePreferences(userId, canonical);
        return users.preferences(userId);
    }
}
