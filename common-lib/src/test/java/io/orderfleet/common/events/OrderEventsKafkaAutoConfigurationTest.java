package io.orderfleet.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import tools.jackson.databind.json.JsonMapper;

class OrderEventsKafkaAutoConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OrderEventsKafkaAutoConfiguration.class))
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(KafkaOperations.class, () -> new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())));

    @Test
    void aServiceWithABrokerAndADeadLetterTopicGetsTheErrorHandlerTheConsumerAndTheTopic() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1",
                "orderfleet.events.dead-letter-topic=orderfleet.orders.v1.DLT").run(context -> {
                    assertThat(context).hasSingleBean(DefaultErrorHandler.class)
                            .hasSingleBean(OrderEventBatchConsumer.class);
                    assertThat(context.getBean(NewTopic.class).name()).isEqualTo("orderfleet.orders.v1.DLT");
                });
    }

    @Test
    void withoutABrokerOrWithoutADeadLetterTopicThereIsNothing() {
        runner.withPropertyValues("orderfleet.events.dead-letter-topic=orderfleet.orders.v1.DLT").run(context ->
                assertThat(context).doesNotHaveBean(DefaultErrorHandler.class).doesNotHaveBean(NewTopic.class)
                        .doesNotHaveBean(OrderEventBatchConsumer.class));
        // orders-service publishes the events: it has a broker, but consumes nothing
        runner.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1").run(context ->
                assertThat(context).doesNotHaveBean(DefaultErrorHandler.class).doesNotHaveBean(NewTopic.class));
    }

    @Test
    void withoutSpringKafkaOnTheClasspathThereIsNothing() {
        runner.withClassLoader(new FilteredClassLoader(KafkaOperations.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1",
                        "orderfleet.events.dead-letter-topic=orderfleet.orders.v1.DLT")
                .run(context -> assertThat(context).doesNotHaveBean(DefaultErrorHandler.class)
                        .doesNotHaveBean(OrderEventBatchConsumer.class));
    }
}
