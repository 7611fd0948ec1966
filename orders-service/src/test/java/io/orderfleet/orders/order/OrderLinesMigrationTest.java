package io.orderfleet.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetInfrastructure;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Orders written before the lines left the JSONB copy are still readable after the migration. */
class OrderLinesMigrationTest {

    record Line(String sku, String name, int qty, Long unitPriceCents) {
    }

    @Test
    void ordersStoredWithOnlyTheirRequestedLinesKeepThemAsUnpricedLinesAndPricedOrdersAreUntouched() {
        FleetInfrastructure infra = FleetInfrastructure.get();
        String database = "orders_v3_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var dataSource = new DriverManagerDataSource(infra.database(database), infra.postgres().username(),
                infra.postgres().password());
        Flyway.configure().dataSource(dataSource).target("3").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UUID rejected = UUID.randomUUID();
        UUID confirmed = UUID.randomUUID();
        jdbc.sql("INSERT INTO orders (id, user_id, status, requested_lines) VALUES (:id, 1, 'REJECTED',"
                + " CAST('[{\"sku\":\"SKU-B\",\"qty\":3},{\"sku\":\"SKU-A\",\"qty\":1}]' AS jsonb))").param("id", rejected).update();
        jdbc.sql("INSERT INTO orders (id, user_id, status, total_cents, requested_lines) VALUES (:id, 1, 'CONFIRMED', 500,"
                + " CAST('[{\"sku\":\"SKU-C\",\"qty\":5}]' AS jsonb))").param("id", confirmed).update();
        jdbc.sql("INSERT INTO order_items (order_id, sku, name, qty, unit_price_cents) VALUES (:id, 'SKU-C', 'Cherry', 5, 100)")
                .param("id", confirmed).update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(lines(jdbc, rejected)).containsExactly(new Line("SKU-A", null, 1, null), new Line("SKU-B", null, 3, null));
        assertThat(lines(jdbc, confirmed)).containsExactly(new Line("SKU-C", "Cherry", 5, 100L));
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'"
                + " AND column_name = 'requested_lines'").query(Long.class).single()).isZero();
    }

    private static List<Line> lines(JdbcClient jdbc, UUID orderId) {
        return jdbc.sql("SELECT sku, name, qty, unit_price_cents FROM order_items WHERE order_id = :id ORDER BY sku")
                .param("id", orderId).query(Line.class).list();
    }
}
