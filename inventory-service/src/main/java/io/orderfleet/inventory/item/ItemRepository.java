package io.orderfleet.inventory.item;

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
public class ItemRepository {

    public static final String COLUMNS = "sku, name, description, price_cents, available, reserved, created_at, updated_at, version";

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Item insert(String sku, String name, String description, long priceCents, int available) {
        return jdbc.sql("INSERT INTO items (sku, name, description, price_cents, available, initial_stock)"
                        + " VALUES (:sku, :name, :description, :price, :available, :available) RETURNING " + COLUMNS)
                .param("sku", sku).param("name", name).param("description", description).param("price", priceCents)
                .param("available", available)
                .query(ItemRepository::map).single();
    }

    public Optional<Item> find(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM items WHERE sku = :sku AND NOT archived").param("sku", sku)
                .query(ItemRepository::map).optional();
    }

    public boolean exists(String sku) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM items WHERE sku = :sku AND NOT archived)").param("sku", sku)
                .query(Boolean.class).single();
    }

    /** Compare-and-set on the version when the client sent If-Match. */
    Optional<Item> update(String sku, String name, String description, Long priceCents, Long expectedVersion) {
        return jdbc.sql("UPDATE items SET name = COALESCE(:name, name), description = COALESCE(:description, description),"
                        + " price_cents = COALESCE(:price, price_cents), version = version + 1, updated_at = now()"
                        + " WHERE sku = :sku AND NOT archived AND (CAST(:expected AS BIGINT) IS NULL OR version = :expected)"
                        + " RETURNING " + COLUMNS)
                .param("sku", sku).param("name", name).param("description", description).param("price", priceCents)
                .param("expected", expectedVersion)
                .query(ItemRepository::map).optional();
    }

    /** Atomic: the row changes only if stock stays >= 0, so concurrent adjustments cannot oversell. */
    Optional<Item> adjust(String sku, int delta) {
        return jdbc.sql("UPDATE items SET available = available + :delta, version = version + 1, updated_at = now()"
                        + " WHERE sku = :sku AND NOT archived AND available + :delta >= 0 RETURNING " + COLUMNS)
                .param("sku", sku).param("delta", delta)
                .query(ItemRepository::map).optional();
    }

    /** The archived row's new version, or empty while active reservations hold some of its stock. */
    Optional<Long> archive(String sku) {
        return jdbc.sql("UPDATE items SET archived = TRUE, version = version + 1, updated_at = now()"
                        + " WHERE sku = :sku AND NOT archived AND reserved = 0 RETURNING version")
                .param("sku", sku).query(Long.class).optional();
    }

    List<Item> search(String q, Boolean inStock, PageQuery page) {
        Filter filter = filter(q, inStock);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM items" + filter.where() + " ORDER BY " + page.orderBy()
                + ", sku LIMIT :limit OFFSET :offset");
        filter.params().forEach(spec::param);
        return spec.param("limit", page.size()).param("offset", page.offset()).query(ItemRepository::map).list();
    }

    long count(String q, Boolean inStock) {
        Filter filter = filter(q, inStock);
        var spec = jdbc.sql("SELECT count(*) FROM items" + filter.where());
        filter.params().forEach(spec::param);
        return spec.query(Long.class).single();
    }

    private record Filter(String where, Map<String, Object> params) {
    }

    private static Filter filter(String q, Boolean inStock) {
        List<String> clauses = new ArrayList<>(List.of("NOT archived"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (q != null && !q.isBlank()) {
            clauses.add("(sku ILIKE :q OR name ILIKE :q)");
            params.put("q", "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (Boolean.TRUE.equals(inStock)) {
            clauses.add("available > 0");
        } else if (Boolean.FALSE.equals(inStock)) {
            clauses.add("available = 0");
        }
        return new Filter(" WHERE " + String.join(" AND ", clauses), params);
    }

    public static Item map(ResultSet rs, int row) throws SQLException {
        return new Item(rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                rs.getLong("price_cents"), rs.getInt("available"), rs.getInt("reserved"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
