package io.orderfleet.inventory.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The counted sales' statements against the real PostgreSQL (each test's transaction is rolled back). */
@FleetDataJpaTest
class OrderSalesTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @Autowired
    OrderSales sales;
    @Autowired
    ProcessedOrderEvents processed;

    static String sku() {
        return "S-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    List<String> daily(String sku, LocalDate since) {
        return sales.dailyUnits(List.of(sku), since).stream().map(d -> d.getDay() + "=" + d.getUnits()).toList();
    }

    @Test
    void aLineIsCountedOnceAndACancellationTakesItsUnitsBackFromTheDayTheyWereCounted() {
        String sku = sku();
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(sales.count(order, sku, 3, MONDAY)).isEqualTo(1);
        assertThat(sales.count(order, sku, 3, MONDAY.plusDays(1))).as("the same order again").isZero();
        sales.count(other, sku, 2, MONDAY);
        assertThat(daily(sku, MONDAY)).containsExactly(MONDAY + "=5");

        assertThat(sales.cancel(order, MONDAY.plusDays(2))).isEqualTo(1);
        assertThat(sales.cancel(order, MONDAY.plusDays(3))).as("already taken back").isZero();
        assertThat(sales.cancel(UUID.randomUUID(), MONDAY)).as("never counted").isZero();

        assertThat(daily(sku, MONDAY)).containsExactly(MONDAY + "=2");
    }

    @Test
    void dailyUnitsAreSummedPerSkuAndDayFromTheFirstDayOfTheWindow() {
        String a = sku();
        String b = sku();
        sales.count(UUID.randomUUID(), a, 1, MONDAY.minusDays(1));
        sales.count(UUID.randomUUID(), a, 2, MONDAY);
        sales.count(UUID.randomUUID(), a, 4, MONDAY.plusDays(2));
        sales.count(UUID.randomUUID(), b, 8, MONDAY.plusDays(2));

        var rows = sales.dailyUnits(List.of(a, b), MONDAY).stream()
                .map(d -> d.getSku().equals(a) ? "a " + d.getDay() + "=" + d.getUnits() : "b " + d.getDay() + "=" + d.getUnits())
                .toList();

        assertThat(rows).containsExactlyInAnyOrder("a " + MONDAY + "=2", "a " + MONDAY.plusDays(2) + "=4",
                "b " + MONDAY.plusDays(2) + "=8");
    }

    @Test
    void anEventIdIsClaimedOnce() {
        UUID id = UUID.randomUUID();

        assertThat(processed.claim(id, OrderEvent.CONFIRMED)).isEqualTo(1);
        assertThat(processed.claim(id, OrderEvent.CONFIRMED)).isZero();
    }
}
