package io.orderfleet.common.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker for integration tests: one single-node KRaft server (broker and controller) from
 * Kafka's own server jar, started once per JVM (like {@link FleetInfrastructure}) on a free port, with
 * the fleet's order topic {@value #ORDERS_TOPIC} ({@value #PARTITIONS} partitions; other topics, e.g.
 * dead-letter topics, are created on first use with as many). A Spring context gets it through
 * {@link FleetKafkaInitializer} or a {@code @DynamicPropertySource} that sets
 * {@code spring.kafka.bootstrap-servers} to {@link #bootstrapServers()}.
 * <p>
 * {@link #stop()} shuts the broker down (clients get connection refused, to prove what they do while
 * it is away) and {@link #start()} starts it again on the same port and the same log directory, so the
 * records written before the stop are still there, as after a real broker restart.
 */
public final class FleetKafka {

    public static final String ORDERS_TOPIC = "orderfleet.orders.v1";
    public static final int PARTITIONS = 3;

    private static FleetKafka instance;

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private KafkaRaftServer server;

    private FleetKafka(int port, int controllerPort, Path logDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
    }

    public static synchronized FleetKafka get() {
        if (instance == null) {
            try {
                FleetKafka kafka = new FleetKafka(FleetInfrastructure.freePort(), FleetInfrastructure.freePort(),
                        Files.createTempDirectory("fleet-test-kafka"));
                kafka.format();
                kafka.start();
                kafka.createTopics(ORDERS_TOPIC);
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::stopAndDelete, "fleet-test-kafka-stop"));
                instance = kafka;
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test Kafka broker", e);
            }
        }
        return instance;
    }

    /** {@code host:port} for {@code spring.kafka.bootstrap-servers}; the same across stop and start. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Starts the broker (again) on its port and log directory and waits until it answers; a no-op when it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config()), Time.SYSTEM);
        started.startup();
        server = started;
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not answer after its start", e);
        }
    }

    /** Shuts the broker down: clients see connection refused on its port until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Creates topics with {@value #PARTITIONS} partitions (replication 1); existing ones are kept. */
    public synchronized void createTopics(String... topics) {
        try (Admin admin = admin()) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /** Sends one raw record (e.g. a malformed one a consumer must dead-letter) and waits for the broker's ack. */
    public void send(String topic, String key, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning (a fresh consumer group) until {@code until} holds for the
     * records read so far or {@code timeout} passes, and returns them in the order they were read
     * (offset order within each partition).
     */
    public List<ConsumerRecord<String, String>> read(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> until) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fleet-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!until.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Writes the KRaft metadata of a new cluster into the log directory, as {@code kafka-storage format} does. */
    private void format() throws IOException {
        Path file = logDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config().store(out, "FleetKafka");
        }
        var output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void stopAndDelete() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // the JVM is going away anyway
        }
        try (var walk = Files.walk(logDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary directory
        }
    }
}
