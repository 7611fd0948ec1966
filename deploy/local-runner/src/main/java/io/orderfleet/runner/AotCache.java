package io.orderfleet.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's JDK AOT cache (JDK 25, JEP 483/514/515): the boot jar extracted to the layout the cache needs
 * ({@code java -Djarmode=tools -jar app.jar extract}), and the cache file trained on it.
 *
 * <p>Everything lives in {@code <data dir>/aot/<service>-<key>/}, where the key is a hash of the jar's bytes, the
 * JDK and the JVM options: a rebuilt jar, another JDK or other {@code FLEET_JVM_OPTS} get a new directory (the
 * previous one of that service is deleted), so a stale cache is retrained instead of being silently rejected.
 *
 * <p>Training: when a service starts without a cache, a second JVM of it runs in the background with
 * {@code -XX:AOTCacheOutput} and {@code -Dspring.context.exit=onRefresh} (the context is built, nothing is started:
 * no port is bound, no listener or scheduler runs; Flyway's migrations are idempotent and locked), and the cache
 * is used from the service's next start. Trainings run one at a time, at the lowest CPU priority ({@code nice}), and
 * only once no service is starting (see {@link #serviceStarting()}), so that they do not slow the fleet's start. A failed training, a cache the JVM rejects, a JDK before 25 or
 * {@code FLEET_AOT=off} never stop the fleet: the service then starts as before, from its jar.
 */
final class AotCache {

    /** What the JVM prints when it cannot use the cache it was given (it then runs without it). */
    static final String REJECTED = "An error has occurred while processing the AOT cache";

    private static final Set<Path> TRAINING = ConcurrentHashMap.newKeySet();
    private static final ExecutorService QUEUE = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "aot-training");
        thread.setDaemon(true);
        return thread;
    });
    /** How long a queued training waits for services that never report being ready (a restarted one). */
    private static final Duration MAX_WAIT_FOR_STARTS = Duration.ofMinutes(3);
    private static final Object STARTS = new Object();
    private static int starting;
    private static final List<Process> TRAINERS = new ArrayList<>();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AotCache::stopTrainers, "aot-training-stop"));
    }

    private final String service;
    private final Path dir;
    private final Path application;
    private final Path cache;

    private AotCache(String service, Path dir, Path application) {
        this.service = service;
        this.dir = dir;
        this.application = application;
        this.cache = dir.resolve("app.aot");
    }

    /**
     * Whether the services get an AOT cache: on a JDK 25 or later, unless {@code FLEET_AOT=off}, and unless the JVM
     * options already choose a CDS archive or AOT mode of their own (the JVM refuses to start with both).
     */
    static boolean enabled(String fleetAot, int jdkFeature, List<String> jvmOptions) {
        if (fleetAot != null && fleetAot.trim().equalsIgnoreCase("off")) {
            return false;
        }
        if (jdkFeature < 25) {
            return false;
        }
        return jvmOptions.stream().noneMatch(o -> o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile")
                || o.startsWith("-XX:ArchiveClassesAtExit") || o.startsWith("-XX:AOT") || o.contains("AutoCreateSharedArchive"));
    }

    /** The directory name's key: the jar's content, the JDK and the JVM options, hashed. */
    static String key(Path jar, String javaHome, String javaVersion, List<String> jvmOptions) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        digest.update(("\n" + javaHome + "\n" + javaVersion + "\n" + String.join(" ", jvmOptions))
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /**
     * The cache directory of this jar under {@code aotRoot}, with the jar extracted into it (once per key); older
     * directories of the same service are deleted.
     */
    static AotCache prepare(String service, Path jar, Path aotRoot, String java, List<String> jvmOptions) throws IOException,
            InterruptedException {
        String key = key(jar, System.getProperty("java.home"), Runtime.version().toString(), jvmOptions);
        Path dir = aotRoot.resolve(service + "-" + key);
        Path application = dir.resolve("app").resolve(jar.getFileName());
        Files.createDirectories(aotRoot);
        deleteOthers(aotRoot, service, dir);
        if (!Files.exists(application)) {
            Path extracting = aotRoot.resolve(service + "-" + key + ".extracting");
            deleteTree(extracting);
            Files.createDirectories(extracting);
            Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", extracting.resolve("app").toString())
                    .redirectErrorStream(true).redirectOutput(extracting.resolve("extract.log").toFile()).start();
            if (!extract.waitFor(120, TimeUnit.SECONDS)) {
                extract.destroyForcibly();
                deleteTree(extracting);
                throw new IOException("extracting " + jar.getFileName() + " took over 120 s");
            }
            if (extract.exitValue() != 0 || !Files.exists(extracting.resolve("app").resolve(jar.getFileName()))) {
                String output = Files.readString(extracting.resolve("extract.log")).strip();
                deleteTree(extracting);
                throw new IOException("extracting " + jar.getFileName() + " failed with exit code " + extract.exitValue()
                        + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse("")));
            }
            deleteTree(dir);
            Files.move(extracting, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        return new AotCache(service, dir, application);
    }

    Path application() {
        return application;
    }

    Path cacheFile() {
        return cache;
    }

    boolean trained() {
        try {
            return Files.isRegularFile(cache) && Files.size(cache) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A service JVM is starting: queued trainings wait until it is ready (or failed), see {@link #serviceSettled()}. */
    static void serviceStarting() {
        synchronized (STARTS) {
            starting++;
        }
    }

    /** A service that was starting is ready, or will never be. */
    static void serviceSettled() {
        synchronized (STARTS) {
            starting = Math.max(0, starting - 1);
            STARTS.notifyAll();
        }
    }

    private static void awaitNoStart() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT_FOR_STARTS.toNanos();
        synchronized (STARTS) {
            long left;
            while (starting > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(STARTS, left);
            }
        }
    }

    /**
     * Queues a training (see {@link #trainInBackground}): trainings run one after the other, each once no service
     * is starting.
     */
    CompletableFuture<Boolean> trainWhenIdle(String java, List<String> jvmOptions, Map<String, String> env) {
        if (TRAINING.contains(dir)) {
            return CompletableFuture.completedFuture(false);
        }
        System.out.println(service + ": no AOT cache yet; one is trained in the background once the fleet has started"
                + " (once per build of its jar), and used from its next start");
        return CompletableFuture.supplyAsync(() -> {
            try {
                awaitNoStart();
                return trainInBackground(java, jvmOptions, env).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, QUEUE);
    }

    /** The JVM rejected the cache: delete it, so that the next start trains a new one. */
    void discard() {
        try {
            Files.deleteIfExists(cache);
        } catch (IOException ignored) {
            // the next start finds it again and the JVM rejects it again: no harm beyond a slower start
        }
    }

    /**
     * Trains the cache in the background (once at a time per directory): the service's JVM options and
     * environment, the context refreshed and the JVM exited; the cache is moved into place only when that
     * JVM exits with 0.
     *
     * @return completes with whether a cache was written (immediately false when a training of it already runs)
     */
    CompletableFuture<Boolean> trainInBackground(String java, List<String> jvmOptions, Map<String, String> env) {
        if (!TRAINING.add(dir)) {
            return CompletableFuture.completedFuture(false);
        }
        Path output = dir.resolve("app.aot.training");
        // the JVM's temporary configuration next to it: left behind when a training is killed
        Path configuration = dir.resolve("app.aot.training.config");
        Path log = dir.resolve("training.log");
        try {
            Files.deleteIfExists(output);
            Files.deleteIfExists(configuration);
            List<String> command = new ArrayList<>(niceCommand());
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:AOTCacheOutput=" + output, "-Dspring.context.exit=onRefresh",
                    "-jar", application.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(trainingEnvironment(env, dir));
            Process trainer;
            synchronized (TRAINERS) {
                if (shuttingDown) {
                    TRAINING.remove(dir);
                    return CompletableFuture.completedFuture(false);
                }
                trainer = builder.start();
                TRAINERS.add(trainer);
            }
            System.out.println(service + ": training its AOT cache (log in " + log + ")");
            return trainer.onExit().thenApply(done -> {
                synchronized (TRAINERS) {
                    TRAINERS.remove(done);
                }
                try {
                    if (done.exitValue() == 0 && Files.isRegularFile(output) && Files.size(output) > 0) {
                        Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        System.out.printf("%s: AOT cache trained (%d MB in %s), used from its next start%n", service,
                                Files.size(cache) >> 20, dir);
                        return true;
                    }
                    Files.deleteIfExists(output);
                    Files.deleteIfExists(configuration);
                    System.out.println(service + ": AOT cache training ended with exit code " + done.exitValue()
                            + " (see " + log + "); the next start tries again");
                } catch (IOException e) {
                    System.out.println(service + ": AOT cache not saved (" + e.getMessage() + ")");
                } finally {
                    TRAINING.remove(dir);
                }
                return false;
            });
        } catch (IOException e) {
            TRAINING.remove(dir);
            System.out.println(service + ": AOT cache training not started (" + e.getMessage() + ")");
            return CompletableFuture.completedFuture(false);
        }
    }

    /** {@code nice -n 19} where there is one (Linux, macOS): a training takes the CPU the fleet leaves. */
    private static List<String> niceCommand() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "19");
            }
        }
        return List.of();
    }

    /**
     * The service's environment for its training run, except for files the service would write: users-service
     * generates its JWT signing key file when it is missing, and a training run must not race the service itself
     * for it, so it gets a throwaway one in the cache directory.
     */
    static Map<String, String> trainingEnvironment(Map<String, String> env, Path dir) {
        Map<String, String> training = new java.util.HashMap<>(env);
        if (training.containsKey("ORDERFLEET_JWT_KEY_FILE")) {
            training.put("ORDERFLEET_JWT_KEY_FILE", dir.resolve("training-jwt-key.pem").toString());
        }
        return training;
    }

    private static void stopTrainers() {
        List<Process> running;
        synchronized (TRAINERS) {
            shuttingDown = true;
            running = new ArrayList<>(TRAINERS);
        }
        for (Process trainer : running) {
            // SIGKILL, not SIGTERM: a JVM stopped normally would still write the half-trained cache
            trainer.descendants().forEach(ProcessHandle::destroyForcibly);
            trainer.destroyForcibly();
        }
    }

    private static void deleteOthers(Path aotRoot, String service, Path keep) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(aotRoot, service + "-*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(service.length() + 1);
                // only this service's directories: <service>-<16 hex>[.extracting]
                if (!entry.equals(keep) && rest.matches("[0-9a-f]{16}(\\.extracting)?") && !TRAINING.contains(entry)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
