package io.orderfleet.users.account;

import io.orderfleet.common.problem.ProblemException;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's UI preferences: any JSON object up to 8 KiB, stored as jsonb. */
@Service
class PreferencesService {

    static final int MAX_BYTES = 8 * 1024;

    private final UserPreferencesRepository preferences;
    private final EntityManager em;
    private final JsonMapper json;

    PreferencesService(UserPreferencesRepository preferences, EntityManager em, JsonMapper json) {
        this.preferences = preferences;
        this.em = em;
        this.json = json;
    }

    @Transactional(readOnly = true)
    String get(long userId) {
        return find(userId).json();
    }

    /** Answers the stored document as PostgreSQL normalised it, as a later GET will. */
    @Transactional
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
        UserPreferences stored = find(userId);
        stored.replace(canonical);
        preferences.flush();
        em.refresh(stored);
        return stored.json();
    }

    private UserPreferences find(long userId) {
        return preferences.findById(userId).orElseThrow(() -> ProblemException.notFound("No such user."));
    }
}
