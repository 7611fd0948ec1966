package io.orderfleet.orders.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class RelayProducerConfiguration {

    /**
     * Replaces Boot's LoggingProducerListener, which logs every record that failed with its stack trace:
     * while the broker is away that is one stack trace per event and poll. The relay reports an outage
     * itself, once, and counts the failures ({@link RelayMetrics}).
     */
    @Bean
    ProducerListener<Object, Object> relayProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
