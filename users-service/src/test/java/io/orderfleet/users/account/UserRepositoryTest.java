package io.orderfleet.users.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts, preferences and the hand-written statements behind locking and the dashboard. */
@FleetDataJpaTest
class UserRepositoryTest {

    @Autowired
    UserRepository users;
    @Autowired
    UserPreferencesRepository preferences;
    @Autowired
    UserStatsRepository stats;
    @Autowired
    TestEntityManager em;
    @Autowired
    JdbcClient jdbc;

    UserAccount stored(String role, boolean active) {
        UserAccount user = users.saveAndFlush(new UserAccount("Ann", "ann-" + UUID.randomUUID() + "@example.test",
                "$2a$10$hash", role));
        if (!active) {
            user.change(user.name(), role, false);
            em.flush();
        }
        return user;
    }

    @Test
    void anAccountIsStoredWithItsGeneratedIdAndATakenEmailIsRefusedByTheUniqueIndex() {
        UserAccount user = stored("user", true);

        assertThat(users.findByEmail(user.email())).get().extracting(UserAccount::id).isEqualTo(user.id());
        assertThatThrownBy(() -> users.saveAndFlush(new UserAccount("Bob", user.email(), "$2a$10$other", "user")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void lockingTheActiveAdminsReturnsExactlyThemInIdOrder() {
        UserAccount admin = stored("admin", true);
        UserAccount retired = stored("admin", false);
        UserAccount shopper = stored("user", true);
        em.clear();

        var locked = users.lockActiveAdmins();

        assertThat(locked).extracting(UserAccount::id).contains(admin.id()).doesNotContain(retired.id(), shopper.id())
                .isSorted();
        assertThat(locked).allMatch(u -> u.isAdmin() && u.active());
        assertThat(users.findByIdForUpdate(shopper.id())).get().extracting(UserAccount::email)
                .isEqualTo(shopper.email());
        assertThat(users.existsByRole("admin")).isTrue();
    }

    @Test
    void totalsCountAccountsActiveOnesAndAdmins() {
        UserTotals before = stats.totals();
        stored("admin", true);
        stored("user", false);
        stored("user", true);

        assertThat(stats.totals())
                .isEqualTo(new UserTotals(before.users() + 3, before.active() + 2, before.admins() + 1));
    }

    @Test
    void signupsPerDayHasOneRowPerUtcDayEndingTodayWithZeroDays() {
        var before = stats.signupsPerDay(3);
        stored("user", true);
        var after = stats.signupsPerDay(3);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(after).extracting(UserStatsRepository.SignupDay::getDate).containsExactly(
                today.minusDays(2).toString(), today.minusDays(1).toString(), today.toString());
        assertThat(after.get(2).getCount()).isEqualTo(before.get(2).getCount() + 1);
        assertThat(after.get(0).getCount()).isEqualTo(before.get(0).getCount());
    }

    @Test
    void preferencesAreStoredAsJsonbAndAnAccountChangeNeverOverwritesThem() {
        UserAccount user = stored("user", true);
        em.clear();
        assertThat(preferences.findById(user.id()).orElseThrow().json()).isEqualTo("{}");

        preferences.findById(user.id()).orElseThrow().replace("{\"theme\":\"dark\"}");
        em.flush();
        users.findById(user.id()).orElseThrow().change("Renamed", "user", true);
        em.flush();
        em.clear();

        assertThat(jdbc.sql("SELECT jsonb_typeof(preferences) || ':' || (preferences ->> 'theme') || ':' || name"
                + " FROM users WHERE id = :id").param("id", user.id()).query(String.class).single())
                .isEqualTo("object:dark:Renamed");
    }
}
