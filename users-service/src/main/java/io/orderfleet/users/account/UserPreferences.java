package io.orderfleet.users.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A user's UI preferences, its own small aggregate on the {@code users} row: reading or replacing them
 * never loads the account (or its password hash), and an account change never writes them back.
 * The JSON is validated by {@link PreferencesService} and stored as {@code jsonb}.
 */
@Entity
@Table(name = "users")
class UserPreferences {

    @Id
    private Long id;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    private String preferences;
    private Instant updatedAt;

    protected UserPreferences() {
    }

    String json() {
        return preferences;
    }

    void replace(String json) {
        this.preferences = json;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
