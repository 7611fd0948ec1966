package io.orderfleet.common.events;

import static io.orderfleet.common.events.OrderEvent.CONFIRMED;
import static io.orderfleet.common.events.OrderEvent.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderfleet.common.events.OrderEventProjection.Outcome;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which record of a poll the consumer reports to the error handler, and what it applied before: the
 * handler commits the records before the reported index, so each of them must have been applied.
 */
class OrderEventBatchConsumerTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OrderEventBatchConsumer consumer = new OrderEventBatchConsumer(JsonMapper.builder().build(), meters);
    /** Every call of the projection, with the ids it was given. */
    final List<List<UUID>> calls = new ArrayList<>();
    long offset;

    ConsumerRecord<String, byte[]> event(UUID id, String type) {
        UUID order = UUID.randomUUID();
        String value = OrderEvents.envelope(id, type, order, 7, "CONFIRMED", Instant.now(),
                new OrderEvents.Line("KB-1", 1, 100));
        return record(value.getBytes(StandardCharsets.UTF_8));
    }

    ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("orderfleet.orders.v1", 0, offset++, "key", value);
    }

    /** A projection that applies every event, except that it fails as told whenever {@code failing} is among them. */
    OrderEventProjection projection(UUID failing, RuntimeException failure) {
        return events -> {
            List<UUID> ids = events.stream().map(OrderEvent::id).toList();
            calls.add(ids);
            if (ids.contains(failing)) {
                throw failure;
            }
            return events.stream().map(e -> Outcome.APPLIED).toList();
        };
    }

    double consumed(String type, String outcome) {
        var counter = meters.find("orderfleet.events.consumed").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aWholePollIsAppliedInOneCallAndCountedByTypeAndOutcome() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        consumer.consume(List.of(event(a, CREATED), event(b, CONFIRMED), event(c, CONFIRMED)), projection(null, null));

        assertThat(calls).containsExactly(List.of(a, b, c));
        assertThat(consumed("created", "applied")).isEqualTo(1);
        assertThat(consumed("confirmed", "applied")).isEqualTo(2);
    }

    @Test
    void aMalformedRecordIsReportedAtItsIndexAfterTheRecordsBeforeItWereApplied() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var records = List.of(event(a, CREATED), event(b, CONFIRMED), record("not json".getBytes(StandardCharsets.UTF_8)),
                event(UUID.randomUUID(), CONFIRMED));

        var failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> consumer.consume(records, projection(null, null)));

        assertThat(failed.getIndex()).isEqualTo(2);
        assertThat(failed).hasCauseInstanceOf(MalformedOrderEventException.class);
        assertThat(calls).as("the records after it are left to the redelivery").containsExactly(List.of(a, b));
        assertThat(consumed("unreadable", "malformed")).isEqualTo(1);
    }

    @Test
    void aMalformedFirstRecordAppliesNothing() {
        var failed = catchThrowableOfType(BatchListenerFailedException.class, () -> consumer.consume(
                List.of(record(new byte[0]), event(UUID.randomUUID(), CREATED)), projection(null, null)));

        assertThat(failed.getIndex()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsReportedAtTheFirstRecordSoTheWholePollIsRetried() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var down = new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("pool timeout"));

        var failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> consumer.consume(List.of(event(a, CREATED), event(b, CONFIRMED)), projection(b, down)));

        assertThat(failed.getIndex()).isZero();
        assertThat(failed.getCause()).isSameAs(down);
        assertThat(calls).as("no event by event attempt against a database that is down").hasSize(1);
        assertThat(OrderEventBatchConsumer.databaseUnreachable(failed)).isTrue();
    }

    @Test
    void anotherFailureIsLocatedByApplyingTheEventsOneByOneAndReportedAtTheFailingOne() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        var refused = new DataIntegrityViolationException("check constraint");

        var failed = catchThrowableOfType(BatchListenerFailedException.class, () -> consumer.consume(
                List.of(event(a, CREATED), event(b, CONFIRMED), event(c, CONFIRMED)), projection(b, refused)));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isSameAs(refused);
        assertThat(calls).containsExactly(List.of(a, b, c), List.of(a), List.of(b));
        assertThat(consumed("created", "applied")).as("only what was committed").isEqualTo(1);
        assertThat(OrderEventBatchConsumer.databaseUnreachable(failed)).isFalse();
    }
}
