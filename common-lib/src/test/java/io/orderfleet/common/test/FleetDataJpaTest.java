package io.orderfleet.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.ContextConfiguration;

/**
 * A repository slice test ({@code @DataJpaTest}: entities, Spring Data repositories, Flyway, one
 * rolled-back transaction per test) against the service's real PostgreSQL database from
 * {@link FleetInfrastructure}, never an embedded H2: the test database is not replaced, so
 * hand-written PostgreSQL statements ({@code ON CONFLICT}, {@code RETURNING}, {@code FOR UPDATE SKIP LOCKED})
 * run as in production and Hibernate validates the entities against the migrated schema.
 * The service's test classpath needs {@code spring-boot-starter-data-jpa-test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = FleetDatabaseInitializer.class)
public @interface FleetDataJpaTest {
}
