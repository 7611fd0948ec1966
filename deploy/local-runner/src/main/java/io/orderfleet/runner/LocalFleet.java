package io.orderfleet.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The Docker-free local fleet: embedded PostgreSQL and Redis, a single-node KRaft Kafka broker, then
 * users, inventory, orders and the gateway as separate JVMs wired together, demo data once, and
 * everything stopped on Ctrl-C.
 */
public final class LocalFleet {

    private final Path root;
    private final Map<String, Integer> ports;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private Infrastructure infrastructure;
    private ServiceProcess kafka;
    private boolean withKafka = true;
    private Path jars;
    private volatile boolean stopping;
    private boolean demoTraffic;
    private DemoTraffic traffic;
    private final Map<String, String> extraEnv = new HashMap<>();

    LocalFleet(Path root, Map<String, Integer> ports) {
        this.root = root;
        this.ports = ports;
    }

    /** A fleet without a Kafka broker (order events stay in the outbox), as {@code --no-kafka} starts it. */
    LocalFleet withoutKafka() {
        withKafka = false;
        ports.remove("kafka");
        ports.remove("kafka-controller");
        return this;
    }

    /** Environment variables given to every service on top of the fleet's own (tests point the OTLP export at themselves). */
    LocalFleet withServiceEnvironment(Map<String, String> env) {
        extraEnv.putAll(env);
        return this;
    }

    public static void main(String[] args) throws Exception {
        // the Kafka admin client the runner uses once: its INFO lines (its whole configuration) are noise here
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        Path root = Path.of(System.getProperty("orderfleet.root", ".")).toAbsolutePath().normalize();
        boolean fresh = false;
        boolean demoTraffic = false;
        boolean withKafka = true;
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", env("FLEET_GATEWAY_PORT", 8080));
        ports.put("users", env("FLEET_USERS_PORT", 8081));
        ports.put("orders", env("FLEET_ORDERS_PORT", 8082));
        ports.put("inventory", env("FLEET_INVENTORY_PORT", 8083));
        ports.put("gateway-management", env("FLEET_GATEWAY_MANAGEMENT_PORT", 8090));
        ports.put("postgres", env("FLEET_POSTGRES_PORT", 15432));
        ports.put("redis", env("FLEET_REDIS_PORT", 16379));
        ports.put("kafka", env("FLEET_KAFKA_PORT", 19092));
        ports.put("kafka-controller", env("FLEET_KAFKA_CONTROLLER_PORT", 19093));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--demo-traffic" -> demoTraffic = true;
                case "--no-kafka" -> withKafka = false;
                case "--port" -> ports.put("gateway", Integer.parseInt(args[++i]));
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: ./fleet [--fresh] [--port N] [--build] [--demo-traffic] [--no-kafka]
                              --fresh   start from empty data (deletes .local/)
                              --demo-traffic  simulated shoppers through the gateway (ORDERFLEET_DEMO_RATE req/s, default 3)
                              --no-kafka  no Kafka broker: order events stay in the outbox (webhooks still work)
                              --port N  gateway port (default 8080)
                              --build   rebuild the jars first
                            Ports: FLEET_GATEWAY_PORT, FLEET_USERS_PORT, FLEET_ORDERS_PORT, FLEET_INVENTORY_PORT,
                                   FLEET_GATEWAY_MANAGEMENT_PORT, FLEET_POSTGRES_PORT, FLEET_REDIS_PORT,
                                   FLEET_KAFKA_PORT (default 19092), FLEET_KAFKA_CONTROLLER_PORT (default 19093)
                            Data:  FLEET_DATA_DIR (default .local/ in the project)
                            JVM:   FLEET_JVM_OPTS replaces the services' JVM options (default: small heap, C1 only)
                            AOT:   FLEET_AOT=off starts every service from its jar, without the JDK AOT cache that
                                   ./fleet otherwise trains in the background on a jar's first start (JDK 25+)""");
                    return;
                }
                default -> {
                    System.err.println("Unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        LocalFleet fleet = new LocalFleet(root, ports);
        fleet.demoTraffic = demoTraffic;
        if (!withKafka) {
            fleet.withoutKafka();
        }
        for (var entry : ports.entrySet()) {
            if (!free(entry.getValue())) {
                System.err.println("Port " + entry.getValue() + " (" + entry.getKey() + ") is already in use. Stop what uses it,"
                        + (entry.getKey().equals("gateway") ? " or start with --port N." : " or set FLEET_"
                                + entry.getKey().toUpperCase().replace('-', '_') + "_PORT."));
                System.exit(1);
            }
        }
        String dataDir = System.getenv("FLEET_DATA_DIR");
        Path local = dataDir == null || dataDir.isBlank() ? root.resolve(".local") : Path.of(dataDir).toAbsolutePath();
        if (fresh && Files.exists(local)) {
            try (Stream<Path> walk = Files.walk(local)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        fleet.run(local);
    }

    private void run(Path local) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "fleet-stop"));
        String url = start(local);
        if (demoTraffic) {
            traffic = DemoTraffic.start(url, DemoTraffic.rateFromEnvironment());
        }
        supervise(stopped);
    }

    /**
     * Starts PostgreSQL, Redis, Kafka (unless off) and the four services on the data in {@code local}, loads
     * the demo data the first time, and returns the gateway's URL once every service is ready.
     */
    String start(Path local) throws Exception {
        jars = local.resolve("jars");
        Instant started = Instant.now();
        Files.createDirectories(local);
        Secrets secrets = new Secrets(local.resolve("secrets.properties"));

        System.out.println("Starting embedded PostgreSQL and Redis (data in " + local + ") ...");
        infrastructure = Infrastructure.start(local, ports.get("postgres"), ports.get("redis"), secrets);
        if (withKafka) {
            System.out.println("Starting Kafka (single-node KRaft, data in " + local.resolve("kafka") + ") ...");
            Path runnerJar = copyToJars(root.resolve("deploy/local-runner/target/local-runner-0.1.0-SNAPSHOT.jar"));
            kafka = KafkaBroker.start(local, runnerJar, ports.get("kafka"), ports.get("kafka-controller"));
        }

        String adminEmail = "admin@orderfleet.local";
        String shopperEmail = "shopper@orderfleet.local";
        String adminPassword = secrets.get("admin.password");
        String shopperPassword = secrets.get("shopper.password");
        String clientSecret = secrets.get("orders-service.client.secret");
        String jwks = "http://127.0.0.1:" + ports.get("users") + "/.well-known/jwks.json";

        Map<String, String> common = new HashMap<>();
        common.put("ORDERFLEET_LOG_FORMAT", "plain");
        common.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        common.put("SPRING_DATA_REDIS_PORT", Integer.toString(infrastructure.redisPort));
        common.put("ORDERFLEET_SECURITY_JWKS_URI", jwks);
        common.put("ORDERFLEET_USERS_URL", "http://127.0.0.1:" + ports.get("users"));
        common.put("ORDERFLEET_INVENTORY_URL", "http://127.0.0.1:" + ports.get("inventory"));
        common.put("ORDERFLEET_ORDERS_URL", "http://127.0.0.1:" + ports.get("orders"));
        if (withKafka) {
            // order events (docs/events.md): orders-service publishes, the other services consume
            common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.get("kafka"));
        }
        common.putAll(extraEnv);

        Map<String, String> users = service(common, "users", secrets);
        users.put("ORDERFLEET_JWT_KEY_FILE", local.resolve("jwt-signing-key.pem").toString());
        users.put("FLEET_ADMIN_EMAIL", adminEmail);
        users.put("FLEET_ADMIN_PASSWORD", adminPassword);
        users.put("ORDERFLEET_CLIENTS_ORDERS_SERVICE_SECRET", clientSecret);
        ServiceProcess usersProcess = start("users", users, "/actuator/health/readiness", "\u001b[36m");
        usersProcess.awaitReady(Duration.ofSeconds(180));
        if (kafka != null) {
            kafka.awaitReady(Duration.ofSeconds(120));
            KafkaBroker.createOrderTopic(ports.get("kafka"));
        }

        ServiceProcess inventory = start("inventory", service(common, "inventory", secrets), "/actuator/health/readiness",
                "\u001b[33m");
        Map<String, String> orders = service(common, "orders", secrets);
        orders.put("ORDERFLEET_CLIENT_ID", "orders-service");
        orders.put("ORDERFLEET_CLIENT_SECRET", clientSecret);
        orders.put("ORDERFLEET_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        ServiceProcess ordersProcess = start("orders", orders, "/actuator/health/readiness", "\u001b[35m");
        inventory.awaitReady(Duration.ofSeconds(180));
        ordersProcess.awaitReady(Duration.ofSeconds(180));

        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("SERVER_PORT", Integer.toString(ports.get("gateway")));
        gateway.put("MANAGEMENT_PORT", Integer.toString(ports.get("gateway-management")));
        gateway.put("SPRING_DATA_REDIS_DATABASE", "3");
        gateway.put("ORDERFLEET_GATEWAY_RATE_LIMITS_AUTH_PER_MINUTE", "120");
        ServiceProcess gatewayProcess = start("gateway", gateway, "/healthz", "\u001b[32m");
        gatewayProcess.awaitReady(Duration.ofSeconds(180));

        String url = "http://localhost:" + ports.get("gateway");
        if (!Files.exists(local.resolve("demo-data-loaded"))) {
            DemoData.load(url, adminEmail, adminPassword, shopperEmail, shopperPassword);
            Files.writeString(local.resolve("demo-data-loaded"), Instant.now().toString());
        }
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        System.out.println("""

                ================================================================
                 Orderfleet is up (%d s)
                   SPA        %s
                   API docs   %s/docs
                   Health     %s/healthz
                   Admin      %s / %s
                   Shopper    %s / %s
                   Kafka      %s
                 Credentials live in %s. Ctrl-C stops everything.
                ================================================================
                """.formatted(seconds, url, url, url, adminEmail, adminPassword, shopperEmail, shopperPassword,
                        withKafka ? "127.0.0.1:" + ports.get("kafka") + ", topic orderfleet.orders.v1" : "off (--no-kafka)",
                        local.resolve("secrets.properties")));
        System.out.flush();
        return url;
    }

    /**
     * Restarts PostgreSQL or Redis when one dies (see {@link Infrastructure#restartWhatDied()}), and a
     * service that dies (a crash, an OOM, a kill -9) while the rest of the fleet keeps running,
     * as an orchestrator would; gives up and stops the fleet when one keeps dying (4 deaths in 2 minutes).
     */
    private void supervise(CountDownLatch stopped) throws InterruptedException, IOException {
        Map<String, List<Instant>> deaths = new HashMap<>();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            synchronized (processes) {
                if (stopping) {
                    continue;
                }
                for (String restarted : infrastructure.restartWhatDied()) {
                    System.err.println(restarted + " stopped; started it again on the same data, the services reconnect.");
                }
                if (kafka != null && !kafka.isAlive()) {
                    if (keepsDying(deaths, "kafka")) {
                        System.err.println("Kafka keeps stopping (exit code " + kafka.exitCode()
                                + "); stopping the fleet. Its log lines above say why.");
                        System.exit(1);
                    }
                    System.err.println("Kafka stopped (exit code " + kafka.exitCode()
                            + "); starting it again on the same data, the outbox relay catches up.");
                    kafka = kafka.restart();
                }
                for (int i = 0; i < processes.size(); i++) {
                    ServiceProcess dead = processes.get(i);
                    if (dead.isAlive()) {
                        continue;
                    }
                    if (keepsDying(deaths, dead.name)) {
                        System.err.println(dead.name + " keeps stopping (exit code " + dead.exitCode()
                                + "); stopping the fleet. Its log lines above say why.");
                        System.exit(1);
                    }
                    System.err.println(dead.name + " stopped (exit code " + dead.exitCode()
                            + "); restarting it, the rest of the fleet keeps running.");
                    processes.set(i, dead.restart());
                }
            }
        }
    }

    /** Records a death; true when it is the 4th in 2 minutes. */
    private static boolean keepsDying(Map<String, List<Instant>> deaths, String name) {
        List<Instant> recent = deaths.computeIfAbsent(name, k -> new ArrayList<>());
        recent.add(Instant.now());
        recent.removeIf(t -> t.isBefore(Instant.now().minus(Duration.ofMinutes(2))));
        return recent.size() > 3;
    }

    private Map<String, String> service(Map<String, String> common, String name, Secrets secrets) throws IOException {
        Map<String, String> env = new HashMap<>(common);
        env.put("SERVER_PORT", Integer.toString(ports.get(name)));
        env.put("SPRING_DATASOURCE_URL", Infrastructure.jdbcUrl(infrastructure.postgresPort, name + "db"));
        env.put("SPRING_DATASOURCE_USERNAME", name);
        env.put("SPRING_DATASOURCE_PASSWORD", secrets.get(name + ".db.password"));
        return env;
    }

    private ServiceProcess start(String name, Map<String, String> env, String readiness, String color) throws IOException {
        String module = name.equals("gateway") ? "gateway" : name + "-service";
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./fleet --build");
        }
        // run from a copy: a rebuild (./mvnw package) while the fleet runs must not pull the jar from
        // under a live JVM, which then fails with NoClassDefFoundError at the first class it loads late
        Path running = copyToJars(jar);
        int port = Integer.parseInt(env.get("SERVER_PORT"));
        ServiceProcess process = ServiceProcess.start(name, running, port, readiness, env, color);
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    private Path copyToJars(Path jar) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./fleet --build");
        }
        Files.createDirectories(jars);
        Path running = jars.resolve(jar.getFileName());
        Files.copy(jar, running, StandardCopyOption.REPLACE_EXISTING);
        return running;
    }

    /** Stops the services, then the broker, then PostgreSQL and Redis. */
    void stopAll() {
        System.out.println("Stopping the fleet ...");
        List<ServiceProcess> running;
        synchronized (processes) {
            stopping = true;
            running = new ArrayList<>(processes);
        }
        if (traffic != null) {
            traffic.stop();
        }
        running.forEach(ServiceProcess::stop);
        for (ServiceProcess p : running) {
            try {
                p.awaitStopped(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the broker after the services, so the relay's last batch still reaches it
        ServiceProcess broker;
        synchronized (processes) {
            broker = kafka;
        }
        if (broker != null) {
            broker.stop();
            try {
                broker.awaitStopped(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        System.out.println("Stopped.");
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
