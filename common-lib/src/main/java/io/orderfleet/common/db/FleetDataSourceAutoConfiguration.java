package io.orderfleet.common.db;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Wraps the service's Hikari pool in a {@link PatientDataSource}: fail fast when the database is
 * unreachable, wait as long as {@code orderfleet.datasource.busy-wait} (10 s) when the pool is only busy.
 */
@AutoConfiguration
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
public class FleetDataSourceAutoConfiguration {

    @Bean
    static PatientPoolWrapper patientDataSourcePostProcessor(Environment environment) {
        return new PatientPoolWrapper(environment);
    }

    /**
     * First among the post-processors, so that it sees the Hikari pool itself; wrappers added later
     * (the JDBC tracing proxy of datasource-micrometer) wrap the patient pool.
     */
    static final class PatientPoolWrapper implements BeanPostProcessor, Ordered {

        private final Environment environment;

        PatientPoolWrapper(Environment environment) {
            this.environment = environment;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DataSource pool && bean.getClass().getName().startsWith("com.zaxxer.hikari.")) {
                return new PatientDataSource(pool, environment.getProperty("orderfleet.datasource.busy-wait",
                        Duration.class, Duration.ofSeconds(10)));
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
