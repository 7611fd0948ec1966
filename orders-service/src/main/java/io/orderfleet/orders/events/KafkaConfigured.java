package io.orderfleet.orders.events;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The relay runs only where a broker is named ({@code spring.kafka.bootstrap-servers}, or
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}): Boot's own default (localhost:9092) would make a fleet
 * without Kafka log connection errors forever.
 */
public final class KafkaConfigured implements Condition {

    public static boolean in(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.kafka.bootstrap-servers"));
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return in(context.getEnvironment());
    }
}
