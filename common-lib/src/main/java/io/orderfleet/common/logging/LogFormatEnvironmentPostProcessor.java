package io.orderfleet.common.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * JSON logs (one object per line, with traceId, spanId and requestId from the MDC) unless
 * {@code ORDERFLEET_LOG_FORMAT=plain} asks for readable text in a local terminal.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("orderfleet.log-format", "json");
        if (!"plain".equalsIgnoreCase(format) && !environment.containsProperty("logging.structured.format.console")) {
            environment.getPropertySources().addLast(new MapPropertySource("orderfleetLogging",
                    Map.of("logging.structured.format.console", "logstash")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
