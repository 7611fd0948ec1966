package io.orderfleet.common.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring context at the shared test broker ({@link FleetKafka}): sets
 * {@code spring.kafka.bootstrap-servers}, and keeps the broker's and the clients' INFO chatter out of
 * the test log (levels {@code kafka} and {@code org.apache.kafka} at WARN). List it next to
 * {@link FleetInfrastructureInitializer} in {@code @ContextConfiguration(initializers = ...)}, or set the
 * property from a {@code @DynamicPropertySource}.
 */
public class FleetKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.kafka.bootstrap-servers=" + FleetKafka.get().bootstrapServers(),
                "logging.level.kafka=warn", "logging.level.org.apache.kafka=warn")
                .applyTo(context.getEnvironment());
    }
}
