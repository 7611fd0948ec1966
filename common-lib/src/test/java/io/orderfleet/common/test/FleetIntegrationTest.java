package io.orderfleet.common.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The fleet's one pattern for integration tests: the whole service on a random port, against real
 * PostgreSQL and Redis (see {@link FleetInfrastructure}). Every test class annotated alike shares one
 * cached Spring context, so keep extra configuration off test classes where you can.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FleetInfrastructureInitializer.class)
public @interface FleetIntegrationTest {
}
