package io.orderfleet.runner;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The fleet's single-node KRaft Kafka broker (broker and controller in one process) from Kafka's own
 * jars, which the runner's jar carries: a JVM of its own, started from a copy of the runner's jar through
 * Boot's PropertiesLauncher with {@link KafkaBrokerMain}, its log under the fleet's data directory, so
 * events survive a restart of the fleet. The order topic is created up front with 3 partitions (other
 * topics, e.g. dead-letter topics, on first use with as many).
 */
final class KafkaBroker {

    private KafkaBroker() {
    }

    /** Writes the broker's configuration into {@code dataDir/kafka} and starts it (not waiting for it). */
    static ServiceProcess start(Path dataDir, Path runnerJar, int port, int controllerPort) throws IOException {
        Path home = dataDir.resolve("kafka");
        Files.createDirectories(home);
        Path config = home.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            config(home.resolve("logs"), port, controllerPort).store(out, "Written by the local runner at every start");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // the broker's own INFO log is a firehose: warnings and errors only
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dloader.main=" + KafkaBrokerMain.class.getName(),
                "-cp", runnerJar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                config.toString()));
        return ServiceProcess.startCommand("kafka", command, port, "\u001b[34m");
    }

    static Properties config(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // a laptop's fleet: a week of events, small segments
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }

    /**
     * Creates the order topic ({@code orderfleet.orders.v1}, 3 partitions) unless it exists, so the first
     * order of a fresh fleet does not wait for the broker to create it on first use.
     */
    static void createOrderTopic(int port) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            admin.createTopics(List.of(new NewTopic("orderfleet.orders.v1", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                System.err.println("Could not create the order topic (" + e.getCause() + "); it is created on first use");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("Creating the order topic timed out; it is created on first use");
        }
    }
}
