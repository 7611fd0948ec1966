package io.orderfleet.inventory.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.events.OrderEvent;
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

    /** One line counted, through the statement that counts a poll's lines. */
    int count(UUID order, String sku, int qty, LocalDate day) {
        return sales.count(new UUID[] {order}, new String[] {sku}, new Integer[] {qty}, new LocalDate[] {day});
    }

    int cancel(UUID order, LocalDate day) {
        return sales.cancel(new UUID[] {order}, new LocalDate[] {day});
    }

    List<String> daily(String sku, LocalDate since) {
        return sales.dailyUnits(List.of(sku), since).stream().map(d -> d.getDay() + "=" + d.getUnits()).toList();
    }

    @Test
    void aLineIsCountedOnceAndACancellationTakesItsUnitsBackFromTheDayTheyWereCounted() {
        String sku = sku();
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(count(order, sku, 3, MONDAY)).isEqualTo(1);
        assertThat(count(order, sku, 3, MONDAY.plusDays(1))).as("the same order again").isZero();
        count(other, sku, 2, MONDAY);
        assertThat(daily(sku, MONDAY)).containsExactly(MONDAY + "=5");

        assertThat(cancel(order, MONDAY.plusDays(2))).isEqualTo(1);
        assertThat(cancel(order, MONDAY.plusDays(3))).as("already taken back").isZero();
        assertThat(cancel(UUID.randomUUID(), MONDAY)).as("never counted").isZero();

        assertThat(daily(sku, MONDAY)).containsExactly(MONDAY + "=2");
    }

    @Test
    void dailyUnitsAreSummedPerSkuAndDayFromTheFirstDayOfTheWindow() {
        String a = sku();
        String b = sku();
        count(UUID.randomUUID(), a, 1, MONDAY.minusDays(1));
        count(UUID.randomUUID(), a, 2, MONDAY);
        count(UUID.randomUUID(), a, 4, MONDAY.plusDays(2));
        count(UUID.randomUUID(), b, 8, MONDAY.plusDays(2));

        var rows = sales.dailyUnits(List.of(a, b), MONDAY).stream()
                .map(d -> d.getSku().equals(a) ? "a " + d.getDay() + "=" + d.getUnits() : "b " + d.getDay() + "=" + d.getUnits())
                .toList();

        assertThat(rows).containsExactlyInAnyOrder("a " + MONDAY + "=2", "a " + MONDAY.plusDays(2) + "=4",
                "b " + MONDAY.plusDays(2) + "=8");
    }

    @Test
    void aPollsLinesAndCancellationsAreWrittenByOneStatementEach() {
        String a = sku();
        String b = sku();
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID counted = UUID.randomUUID();
        count(counted, a, 1, MONDAY);

        assertThat(sales.count(new UUID[] {kept, kept, cancelled, counted}, new String[] {a, b, a, a},
                new Integer[] {2, 3, 4, 8}, new LocalDate[] {MONDAY, MONDAY, MONDAY, MONDAY}))
                .as("the line counted before stays as it was").isEqualTo(3);
        assertThat(sales.cancel(new UUID[] {cancelled, UUID.randomUUID()}, new LocalDate[] {MONDAY, MONDAY}))
                .isEqualTo(1);

        assertThat(daily(a, MONDAY)).containsExactly(MONDAY + "=3");
        assertThat(daily(b, MONDAY)).containsExactly(MONDAY + "=3");
    }

    @Test
    void anEventIdIsClaimedOnceEvenWhenAPollRepeatsIt() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String[] types = {OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, OrderEvent.CREATED};

        assertThat(processed.claim(new UUID[] {id, id, other}, types)).containsExactlyInAnyOrder(id, other);
        assertThat(processed.claim(new UUID[] {id}, new String[] {OrderEvent.CONFIRMED})).isEmpty();
    }
}
