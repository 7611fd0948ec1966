package io.orderfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void servicesGetTwoMallocArenasUnlessTheRunnerChoseOtherwise() {
        assertThat(ServiceProcess.withMemoryDefaults(Map.of("A", "1"), Map.of()))
                .containsEntry("A", "1").containsEntry("MALLOC_ARENA_MAX", "2");
        assertThat(ServiceProcess.withMemoryDefaults(Map.of("A", "1"), Map.of("MALLOC_ARENA_MAX", "8")))
                .isEqualTo(Map.of("A", "1"));
        assertThat(ServiceProcess.withMemoryDefaults(Map.of("MALLOC_ARENA_MAX", "4"), Map.of()))
                .isEqualTo(Map.of("MALLOC_ARENA_MAX", "4"));
    }

    @Test
    void defaultOptionsCapTheHeapAndTheYoungGeneration() {
        assertThat(ServiceProcess.DEFAULT_JVM_OPTIONS).contains("-Xmx256m", "-XX:MaxNewSize=24m", "-XX:+UseSerialGC",
                "-XX:+UseCompactObjectHeaders");
    }
}
