package io.orderfleet.gateway.edge;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The time the edge counts rate-limit windows by. A bean, not {@code Clock.systemUTC()} inline, so a
 * test can put the clock where a window starts or ends instead of depending on the wall clock.
 */
@Configuration(proxyBeanMethods = false)
class EdgeClockConfig {

    @Bean
    Clock edgeClock() {
        return Clock.systemUTC();
    }
}
