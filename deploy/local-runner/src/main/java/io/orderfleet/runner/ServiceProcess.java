package io.orderfleet.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM (or the Kafka broker's): started with its environment, its output prefixed with its
 * name, stopped on request. A process without a readiness path is ready when its port accepts connections.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    final String readinessPath;
    private final List<String> command;
    private final Map<String, String> env;
    private final String color;
    private final Process process;
    private final Thread pump;
    /** Whether this service's start was reported over to {@link AotCache} (ready, or never). */
    private boolean settled;
    /** The service's boot jar, or null for a plain command (the Kafka broker). */
    private final Path jar;

    private ServiceProcess(String name, int port, String readinessPath, List<String> command, Map<String, String> env,
            String color, Process process, Thread pump, Path jar) {
        this.name = name;
        this.port = port;
        this.readinessPath = readinessPath;
        this.command = command;
        this.env = env;
        this.color = color;
        this.process = process;
        this.pump = pump;
        this.jar = jar;
    }

    /**
     * The same service started again, as it was configured the first time (a service's command line is built
     * again: it uses the AOT cache trained since its first start).
     */
    ServiceProcess restart() throws IOException {
        if (jar != null) {
            return start(name, jar, port, readinessPath, env, color);
        }
        return launch(name, command, port, readinessPath, env, color, null, null);
    }

    int exitCode() {
        return process.exitValue();
    }

    /**
     * Starts a service from its boot jar (a copy in {@code <data dir>/jars/}): with its AOT cache when there is one
     * (see {@link AotCache}; cache directories live in {@code <data dir>/aot/}), else from the extracted jar while
     * a cache is trained in the background, else, when the cache cannot be used at all, from the jar as before.
     */
    static ServiceProcess start(String name, Path jar, int port, String readinessPath, Map<String, String> serviceEnv,
            String color) throws IOException {
        List<String> options = jvmOptions();
        Map<String, String> env = withMemoryDefaults(serviceEnv, System.getenv());
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(options);
        AotCache aot = null;
        if (AotCache.enabled(System.getenv("FLEET_AOT"), Runtime.version().feature(), options)) {
            try {
                aot = AotCache.prepare(name, jar, jar.toAbsolutePath().getParent().resolveSibling("aot"), javaBinary(),
                        options);
            } catch (IOException | RuntimeException e) {
                System.out.println(name + ": starting without an AOT cache (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while preparing " + name + "'s AOT cache", e);
            }
        }
        if (aot == null) {
            command.addAll(List.of("-jar", jar.toString()));
            return launch(name, command, port, readinessPath, env, color, null, jar);
        }
        boolean trained = aot.trained();
        if (trained) {
            command.add("-XX:AOTCache=" + aot.cacheFile());
        }
        command.addAll(List.of("-jar", aot.application().toString()));
        ServiceProcess service = launch(name, command, port, readinessPath, env, color, trained ? aot : null, jar);
        if (!trained) {
            aot.trainWhenIdle(javaBinary(), options, env);
        }
        return service;
    }

    /** A process of the given command line, ready once {@code port} accepts connections. */
    static ServiceProcess startCommand(String name, List<String> command, int port, String color) throws IOException {
        return launch(name, command, port, null, Map.of(), color, null, null);
    }

    private static ServiceProcess launch(String name, List<String> command, int port, String readinessPath,
            Map<String, String> env, String color, AotCache aot, Path jar) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (jar != null) {
            AotCache.serviceStarting();
        }
        String prefix = color + String.format("%-9s", name) + "\u001b[0m| ";
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(prefix + line);
                    if (aot != null && line.contains(AotCache.REJECTED)) {
                        aot.discard();
                        System.out.println(prefix + "the JVM rejected this AOT cache and runs without it;"
                                + " deleted it, the next start trains a new one");
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, name + "-log");
        pump.setDaemon(true);
        pump.start();
        return new ServiceProcess(name, port, readinessPath, List.copyOf(command), Map.copyOf(env), color, process, pump, jar);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        try {
            awaitReadiness(timeout);
        } finally {
            if (jar != null && !settled) {
                settled = true;
                AotCache.serviceSettled();
            }
        }
    }

    private void awaitReadiness(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready (see its log lines above)");
            }
            if (readinessPath == null) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                    return;
                } catch (IOException e) {
                    Thread.sleep(300);
                    continue;
                }
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + readinessPath)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** The command line it was started with. */
    List<String> command() {
        return command;
    }

    /** Waits until its output has been read to the end (after it stopped). */
    void awaitOutputEnd(Duration timeout) throws InterruptedException {
        pump.join(timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    void stop() {
        process.destroy();
    }

    void awaitStopped(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The services' JVM options unless FLEET_JVM_OPTS is set (docs/performance.md, "Start and memory"). */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:MaxNewSize=24m",
            "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders", "-XX:TieredStopAtLevel=1", "-Xss512k");

    /**
     * Small heaps and C1 only by default: a laptop starts four JVMs fast and stays light. The young generation is
     * capped at 24 MB (the serial collector otherwise lets it grow to a third of the heap, and every page of it is
     * touched) and object headers are compact (JDK 25): together with {@link #withMemoryDefaults} 7-20 MB less
     * RSS per service under load, measured with bench/startup. The heap cap stays 256 MB, so that the fleet's test,
     * e2e and chaos runs keep their headroom. Benchmarks set FLEET_JVM_OPTS (whitespace-separated) to give the
     * services the full JIT.
     */
    static List<String> jvmOptions() {
        String configured = System.getenv("FLEET_JVM_OPTS");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return List.of(configured.trim().split("\\s+"));
    }

    /**
     * The service's environment plus MALLOC_ARENA_MAX=2 unless the runner's own environment sets it: glibc
     * otherwise gives threads their own malloc arenas, each holding freed memory of its own (a few MB of RSS per
     * service).
     */
    static Map<String, String> withMemoryDefaults(Map<String, String> env, Map<String, String> runnerEnv) {
        if (env.containsKey("MALLOC_ARENA_MAX") || runnerEnv.containsKey("MALLOC_ARENA_MAX")) {
            return env;
        }
        Map<String, String> result = new HashMap<>(env);
        result.put("MALLOC_ARENA_MAX", "2");
        return result;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
