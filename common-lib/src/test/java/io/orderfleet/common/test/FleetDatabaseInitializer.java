package io.orderfleet.common.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a slice test's context at the service's own database on the shared test PostgreSQL, and at
 * nothing else (no Redis, no JWKS): what a {@code @DataJpaTest} needs. The database is named as in
 * {@link FleetInfrastructureInitializer}, so slice tests and full-context tests of one service share
 * one Flyway-migrated schema.
 */
public class FleetDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        String database = databaseName(env.getProperty("spring.application.name", "app"),
                env.getProperty("orderfleet.test.database"));
        FleetInfrastructure infra = FleetInfrastructure.get();
        TestPropertyValues.of(
                "spring.datasource.url=" + infra.database(database),
                "spring.datasource.username=" + infra.postgres().username(),
                "spring.datasource.password=" + infra.postgres().password(),
                "orderfleet.log-format=plain")
                .applyTo(env);
    }

    static String databaseName(String applicationName, String configured) {
        return configured != null ? configured
                : applicationName.replace("-service", "").replaceAll("[^a-z0-9]", "") + "db";
    }
}
