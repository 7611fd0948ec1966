package io.orderfleet.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FleetKafkaTest {

    @Test
    void theSharedBrokerKeepsItsRecordsAcrossAStopAndAStartOnTheSamePort() {
        FleetKafka kafka = FleetKafka.get();
        String key = UUID.randomUUID().toString();
        kafka.send(FleetKafka.ORDERS_TOPIC, key, "{\"before\":1}");

        String bootstrap = kafka.bootstrapServers();
        kafka.stop();
        assertThat(kafka.running()).isFalse();
        kafka.start();
        kafka.send(FleetKafka.ORDERS_TOPIC, key, "{\"after\":2}");

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        var records = kafka.read(FleetKafka.ORDERS_TOPIC, Duration.ofSeconds(60),
                read -> read.stream().filter(r -> key.equals(r.key())).count() == 2);
        assertThat(records).filteredOn(r -> key.equals(r.key())).extracting(ConsumerRecord::value)
                .containsExactly("{\"before\":1}", "{\"after\":2}");
    }
}
