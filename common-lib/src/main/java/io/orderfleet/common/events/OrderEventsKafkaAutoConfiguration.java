package io.orderfleet.common.events;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consuming side of the order events, for a service that has spring-kafka, a broker
 * ({@code spring.kafka.bootstrap-servers}) and a dead-letter topic ({@code orderfleet.events.dead-letter-topic};
 * orders-service publishes the events and sets neither, so it gets none of this). Boot's listener
 * container factory picks up the error handler. How a failed record is handled (the batch listener reports
 * it with its index, see {@link OrderEventBatchConsumer}):
 * <ul>
 * <li>not an event of the contract ({@link MalformedOrderEventException}) or refused by a constraint:
 * straight to the dead-letter topic, the partition moves on;</li>
 * <li>the database is unreachable: retried with backoff (0.5 s doubling up to 10 s) until it is back,
 * never dead-lettered, since every record would fail alike;</li>
 * <li>anything else: four retries with backoff, then the dead-letter topic.</li>
 * </ul>
 * A dead-lettered record keeps its key, value and headers, plus Spring's {@code kafka_dlt-*} headers
 * (original topic, partition, offset, consumer group, exception). Each one is logged once (WARN, its
 * coordinates and the reason, never the value) and counted ({@code orderfleet.events.dead.lettered});
 * every failed attempt is counted too ({@code orderfleet.events.failed.deliveries}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaOperations.class, MeterRegistry.class, JsonMapper.class})
@ConditionalOnProperty(name = {"spring.kafka.bootstrap-servers", "orderfleet.events.dead-letter-topic"})
public class OrderEventsKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsKafkaAutoConfiguration.class);

    @Bean
    NewTopic orderEventsDeadLetterTopic(@Value("${orderfleet.events.dead-letter-topic}") String deadLetterTopic) {
        return TopicBuilder.name(deadLetterTopic).partitions(1).build();
    }

    @Bean
    @ConditionalOnMissingBean
    OrderEventBatchConsumer orderEventBatchConsumer(JsonMapper json, MeterRegistry meters) {
        return new OrderEventBatchConsumer(json, meters);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler orderEventsErrorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
            @Value("${orderfleet.events.dead-letter-topic}") String deadLetterTopic) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        var retries = new ExponentialBackOffWithMaxRetries(4);
        retries.setInitialInterval(500);
        retries.setMultiplier(2);
        var handler = new DefaultErrorHandler(recoverer, retries);
        handler.addNotRetryableExceptions(MalformedOrderEventException.class, DataIntegrityViolationException.class);
        BackOff untilTheDatabaseIsBack = untilTheDatabaseIsBack();
        handler.setBackOffFunction((record, failure) ->
                OrderEventBatchConsumer.databaseUnreachable(failure) ? untilTheDatabaseIsBack : null);
        handler.setLogLevel(KafkaException.Level.WARN);
        // the records after a failed one are handed to the listener again from memory (the consumer pauses for
        // that poll) instead of being fetched again after a seek, which Spring reports as a WARN with the
        // failure's stack trace on every dead-lettered record
        handler.setSeekAfterError(false);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                // counted, not logged: while the database is down every record fails, again and again
                meters.counter("orderfleet.events.failed.deliveries").increment();
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
                meters.counter("orderfleet.events.dead.lettered").increment();
                log.warn("Order event {}-{}@{} (key {}) sent to {}: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), deadLetterTopic, reason(failure));
            }
        });
        return handler;
    }

    private static BackOff untilTheDatabaseIsBack() {
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    /** Our own reason for a malformed record; otherwise only the root cause's type (messages may quote the value). */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedOrderEventException malformed) {
                return "not an order event of the contract: " + malformed.getMessage();
            }
            root = t;
        }
        return root.getClass().getName();
    }
}
