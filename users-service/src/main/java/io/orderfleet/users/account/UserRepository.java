package io.orderfleet.users.account;

import io.orderfleet.common.web.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    private static final String COLUMNS = "id, name, email, password_hash, role, active, created_at";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; the unique index on the normalised email turns a duplicate into DuplicateKeyException. */
    public UserAccount insert(String name, String email, String passwordHash, String role) {
        return jdbc.sql("INSERT INTO users (name, email, password_hash, role) VALUES (:name, :email, :hash, :role)"
                        + " RETURNING " + COLUMNS)
                .param("name", name).param("email", email).param("hash", passwordHash).param("role", role)
                .query(UserRepository::map).single();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").param("id", id)
                .query(UserRepository::map).optional();
    }

    public Optional<UserAccount> findByIdForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE").param("id", id)
                .query(UserRepository::map).optional();
    }

    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email").param("email", email)
                .query(UserRepository::map).optional();
    }

    public boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')").query(Boolean.class).single();
    }

    /** Locks every active admin row: the last-admin rule is then checked with no concurrent change possible. */
    public int lockActiveAdmins() {
        return jdbc.sql("SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE")
                .query(Long.class).list().size();
    }

    public UserAccount update(long id, String name, String role, boolean active) {
        return jdbc.sql("UPDATE users SET name = :name, role = :role, active = :active, updated_at = now()"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .param("id", id).param("name", name).param("role", role).param("active", active)
                .query(UserRepository::map).single();
    }

    public void updatePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
                .param("id", id).param("hash", passwordHash).update();
    }

    public String preferences(long id) {
        return jdbc.sql("SELECT preferences::text FROM users WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    public void savePreferences(long id, String json) {
        jdbc.sql("UPDATE users SET preferences = CAST(:json AS jsonb), updated_at = now() WHERE id = :id")
                .param("id", id).param("json", json).update();
    }

    public List<UserAccount> search(String q, String role, Boolean active, PageQuery page) {
        Filter filter = filter(q, role, active);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM users" + filter.where() + " ORDER BY " + page.orderBy()
                + ", id LIMIT :limit OFFSET :offset");
        filter.params().forEach(spec::param);
        return spec.param("limit", page.size()).param("offset", page.offset()).query(UserRepository::map).list();
    }

    public long count(String q, String role, Boolean active) {
        Filter filter = filter(q, role, active);
        var spec = jdbc.sql("SELECT count(*) FROM users" + filter.where());
        filter.params().forEach(spec::param);
        return spec.query(Long.class).single();
    }

    public Map<String, Object> stats(int days) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalUsers", jdbc.sql("SELECT count(*) FROM users").query(Long.class).single());
        result.put("activeUsers", jdbc.sql("SELECT count(*) FROM users WHERE active").query(Long.class).single());
        Map<String, Long> byRole = new LinkedHashMap<>();
        byRole.put("user", 0L);
        byRole.put("admin", 0L);
        jdbc.sql("SELECT role, count(*) AS n FROM users GROUP BY role")
                .query((rs, i) -> byRole.put(rs.getString("role"), rs.getLong("n"))).list();
        result.put("byRole", byRole);
        result.put("signupsPerDay", jdbc.sql("""
                SELECT d::date AS date, count(u.id) AS count
                FROM generate_series((now() AT TIME ZONE 'UTC')::date - (:days - 1), (now() AT TIME ZONE 'UTC')::date,
                                     interval '1 day') AS d
                LEFT JOIN users u ON (u.created_at AT TIME ZONE 'UTC')::date = d::date
                GROUP BY d ORDER BY d""")
                .param("days", days)
                .query((rs, i) -> Map.of("date", rs.getString("date"), "count", rs.getLong("count"))).list());
        return result;
    }

    private record Filter(String where, Map<String, Object> params) {
    }

    private static Filter filter(String q, String role, Boolean active) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (q != null && !q.isBlank()) {
            clauses.add("(email LIKE :q OR lower(name) LIKE :q)");
            params.put("q", "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        if (role != null) {
            clauses.add("role = :role");
            params.put("role", role);
        }
        if (active != null) {
            clauses.add("active = :active");
            params.put("active", active);
        }
        return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                rs.getString("password_hash"), rs.getString("role"), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
