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

    private ServiceProcess(String name, int port, String readinessPath, List<String> command, Map<String, String> env,
            String color, Process process) {
        this.name = name;
        this.port = port;
        this.readinessPath = readinessPath;
        this.command = command;
        this.env = env;
        this.color = color;
        this.process = process;
    }

    /** The same service started again, as it was configured the first time. */
    ServiceProcess restart() throws IOException {
        return launch(name, command, port, readinessPath, env, color);
    }

    int exitCode() {
        return process.exitValue();
    }

    static ServiceProcess start(String name, Path jar, int port, String readinessPath, Map<String, String> env,
            String color) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        return launch(name, command, port, readinessPath, env, color);
    }

    /** A process of the given command line, ready once {@code port} accepts connections. */
    static ServiceProcess startCommand(String name, List<String> command, int port, String color) throws IOException {
        return launch(name, command, port, null, Map.of(), color);
    }

    private static ServiceProcess launch(String name, List<String> command, int port, String readinessPath,
            Map<String, String> env, String color) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String prefix = color + String.format("%-9s", name) + "\u001b[0m| ";
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(prefix + line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, name + "-log");
        pump.setDaemon(true);
        pump.start();
        return new ServiceProcess(name, port, readinessPath, List.copyOf(command), Map.copyOf(env), color, process);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
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

    /**
     * Small heaps and C1 only by default: a laptop starts four JVMs fast and stays light. Benchmarks
     * set FLEET_JVM_OPTS (whitespace-separated) to give the services the full JIT.
     */
    static List<String> jvmOptions() {
        String configured = System.getenv("FLEET_JVM_OPTS");
        if (configured == null || configured.isBlank()) {
            return List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
        }
        return List.of(configured.trim().split("\\s+"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
