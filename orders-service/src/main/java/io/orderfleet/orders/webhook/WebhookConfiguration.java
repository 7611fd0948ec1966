package io.orderfleet.orders.webhook;

import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    TargetGuard webhookTargetGuard(WebhookProperties properties) {
        return new TargetGuard(properties.allowPrivateTargets());
    }

    @Bean
    WebhookUrls webhookUrls(TargetGuard guard) {
        return new WebhookUrls(guard);
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(TargetGuard guard, WebhookProperties properties, ObservationRegistry observations) {
        return new WebhookSender(guard, properties.timeout(), Clock.systemUTC(), observations);
    }
}
