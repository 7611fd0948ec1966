package io.orderfleet.common.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring context at the shared test PostgreSQL (the service's own database) and Redis, and
 * at the test JWKS. The database is {@code orderfleet.test.database}, or the application name without
 * "-service" plus "db" (users-service → usersdb).
 */
public class FleetInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        String appName = env.getProperty("spring.application.name", "app");
        String database = FleetDatabaseInitializer.databaseName(appName, env.getProperty("orderfleet.test.database"));
        FleetInfrastructure infra = FleetInfrastructure.get();
        TestPropertyValues.of(
                "spring.datasource.url=" + infra.database(database),
                "spring.datasource.username=" + infra.postgres().username(),
                "spring.datasource.password=" + infra.postgres().password(),
                "spring.data.redis.host=" + infra.redis().host(),
                "spring.data.redis.port=" + infra.redis().port(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestJwks.get().uri(),
                "orderfleet.log-format=plain")
                .applyTo(env);
    }
}
