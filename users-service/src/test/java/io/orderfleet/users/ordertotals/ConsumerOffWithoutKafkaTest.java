package io.orderfleet.users.ordertotals;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** The shared test context has no spring.kafka.bootstrap-servers, like a fleet without Kafka. */
@FleetIntegrationTest
class ConsumerOffWithoutKafkaTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutBootstrapServersTheServiceHasNoListenerAndNoDeadLetterPublisher() {
        assertThat(context.getBeansOfType(OrderEventsListener.class)).isEmpty();
        assertThat(context.getBeansOfType(DefaultErrorHandler.class)).isEmpty();
        assertThat(context.getBeanProvider(KafkaListenerEndpointRegistry.class).stream()
                .flatMap(registry -> registry.getListenerContainers().stream())).isEmpty();
    }
}
