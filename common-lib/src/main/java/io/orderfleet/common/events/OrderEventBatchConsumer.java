package io.orderfleet.common.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a batch listener of {@code orderfleet.orders.v1} does with one poll: read every record first, apply
 * the readable ones in one call of the service's {@link OrderEventProjection} (one transaction), count
 * them ({@code orderfleet.events.consumed}, tags {@code type} and {@code outcome}) and tell the error
 * handler ({@link OrderEventsKafkaAutoConfiguration}) which record failed with a
 * {@link BatchListenerFailedException} at that record's index. The handler commits the records before it,
 * retries or dead-letters that one, and redelivers the ones after it:
 * <ul>
 * <li>a malformed record at index i: the records before it are applied first, then it is reported at i
 * (straight to the dead-letter topic);</li>
 * <li>the database is unreachable: reported at index 0, so the whole poll is retried with backoff until
 * the database is back, and nothing is dead-lettered;</li>
 * <li>any other failure of the batch's transaction (e.g. a constraint): the events are applied again one
 * transaction each, to find the one that fails; it is reported at its index.</li>
 * </ul>
 */
public final class OrderEventBatchConsumer {

    private final OrderEventReader reader;
    private final MeterRegistry meters;

    public OrderEventBatchConsumer(JsonMapper json, MeterRegistry meters) {
        this.reader = new OrderEventReader(json);
        this.meters = meters;
    }

    public void consume(List<ConsumerRecord<String, byte[]>> records, OrderEventProjection projection) {
        List<OrderEvent> events = new ArrayList<>(records.size());
        MalformedOrderEventException malformed = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(reader.read(record.value()));
            } catch (MalformedOrderEventException e) {
                malformed = e;
                break;
            }
        }
        if (!events.isEmpty()) {
            apply(events, projection);
        }
        if (malformed != null) {
            meters.counter("orderfleet.events.consumed", "type", "unreadable", "outcome", "malformed").increment();
            throw new BatchListenerFailedException("record " + events.size() + " of the poll is not an order event",
                    malformed, events.size());
        }
    }

    private void apply(List<OrderEvent> events, OrderEventProjection projection) {
        try {
            count(events, projection.apply(events));
        } catch (RuntimeException e) {
            if (databaseUnreachable(e)) {
                throw new BatchListenerFailedException("the database is unreachable", e, 0);
            }
            for (int i = 0; i < events.size(); i++) {
                List<OrderEvent> one = List.of(events.get(i));
                try {
                    count(one, projection.apply(one));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("record " + i + " of the poll failed", failure, i);
                }
            }
        }
    }

    private void count(List<OrderEvent> events, List<OrderEventProjection.Outcome> outcomes) {
        if (outcomes.size() != events.size()) {
            throw new IllegalStateException(outcomes.size() + " outcomes for " + events.size() + " events");
        }
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            counts.merge(List.of(events.get(i).shortType(), outcomes.get(i).name().toLowerCase()), 1, Integer::sum);
        }
        counts.forEach((tags, n) -> meters.counter("orderfleet.events.consumed", "type", tags.get(0), "outcome",
                tags.get(1)).increment(n));
    }

    /** The database cannot be reached (or the statement may succeed if run again): retry, never dead-letter. */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
