package io.orderfleet.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The main class of the fleet's Kafka broker process (started by {@link KafkaBroker} from the runner's
 * own jar): formats the log directory of a new single-node KRaft cluster on its first start, as
 * {@code kafka-storage format} does, then runs Kafka's own {@code kafka.Kafka} server main, which stops
 * cleanly on SIGTERM.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(config)) {
            properties.load(in);
        }
        Path logDir = Path.of(properties.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int exit = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()},
                    System.out);
            if (exit != 0) {
                System.err.println("Formatting the Kafka log directory " + logDir + " failed (exit " + exit + ")");
                System.exit(exit);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }
}
