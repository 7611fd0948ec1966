package io.orderfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's per-service JDK AOT cache, with a real JDK (the one running the tests) and a stand-in boot jar
 * ({@link FakeBootApp}): extraction, training, the JVM accepting the cache, retraining after a rebuild, and every
 * failure falling back to a plain start.
 */
class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    @Test
    void theCacheIsUsedOnJdk25AndLaterUnlessSwitchedOffOrTheOptionsChooseTheirOwnArchive() {
        assertThat(AotCache.enabled(null, 25, OPTIONS)).isTrue();
        assertThat(AotCache.enabled("on", 26, OPTIONS)).isTrue();
        assertThat(AotCache.enabled("off", 25, OPTIONS)).isFalse();
        assertThat(AotCache.enabled(" OFF ", 25, OPTIONS)).isFalse();
        assertThat(AotCache.enabled(null, 21, OPTIONS)).isFalse();
        assertThat(AotCache.enabled(null, 25, List.of("-Xshare:off"))).isFalse();
        assertThat(AotCache.enabled(null, 25, List.of("-XX:SharedArchiveFile=app.jsa"))).isFalse();
        assertThat(AotCache.enabled(null, 25, List.of("-XX:AOTCache=mine.aot"))).isFalse();
    }

    @Test
    void theKeyChangesWithTheJarsContentTheJdkAndTheJvmOptionsAndOnlyWithThem() throws IOException {
        Path a = fakeJar(tmp.resolve("a/service.jar"), "one");
        Path sameContent = fakeJar(tmp.resolve("b/service.jar"), "one");
        Path rebuilt = fakeJar(tmp.resolve("c/service.jar"), "two");
        String key = AotCache.key(a, "/jdk", "25.0.3", OPTIONS);

        assertThat(key).matches("[0-9a-f]{16}");
        assertThat(AotCache.key(sameContent, "/jdk", "25.0.3", OPTIONS)).isEqualTo(key);
        assertThat(AotCache.key(rebuilt, "/jdk", "25.0.3", OPTIONS)).isNotEqualTo(key);
        assertThat(AotCache.key(a, "/other-jdk", "25.0.3", OPTIONS)).isNotEqualTo(key);
        assertThat(AotCache.key(a, "/jdk", "25.0.4", OPTIONS)).isNotEqualTo(key);
        assertThat(AotCache.key(a, "/jdk", "25.0.3", List.of("-Xmx512m"))).isNotEqualTo(key);
    }

    @Test
    void aTrainedCacheIsOneTheJvmAcceptsForTheExtractedJar() throws Exception {
        requireJdk25();
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        AotCache aot = AotCache.prepare("users", jar, tmp.resolve("aot"), JAVA, OPTIONS);
        assertThat(aot.application()).exists().hasSameBinaryContentAs(jar);
        assertThat(aot.application().toString()).startsWith(tmp.resolve("aot").resolve("users-").toString());
        assertThat(aot.trained()).isFalse();

        assertThat(aot.trainInBackground(JAVA, OPTIONS, Map.of()).get(120, TimeUnit.SECONDS)).isTrue();

        assertThat(aot.trained()).isTrue();
        assertThat(aot.cacheFile().resolveSibling("app.aot.training")).doesNotExist();
        // AOTMode=on: the JVM refuses to start at all when it cannot use the cache
        Process check = new ProcessBuilder(concat(List.of(JAVA), OPTIONS, List.of("-XX:AOTMode=on",
                "-XX:AOTCache=" + aot.cacheFile(), "-Dspring.context.exit=onRefresh", "-jar", aot.application().toString())))
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).doesNotContain(AotCache.REJECTED);
    }

    @Test
    void aRebuiltJarGetsANewUntrainedDirectoryAndReplacesOnlyThatServicesOldOne() throws Exception {
        requireJdk25();
        Path aotRoot = tmp.resolve("aot");
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        AotCache first = AotCache.prepare("users", jar, aotRoot, JAVA, OPTIONS);
        assertThat(first.trainInBackground(JAVA, OPTIONS, Map.of()).get(120, TimeUnit.SECONDS)).isTrue();
        Path othersCache = Files.createDirectories(aotRoot.resolve("orders-0123456789abcdef"));
        Path similarName = Files.createDirectories(aotRoot.resolve("users-extra-0123456789abcdef"));

        fakeJar(jar, "two");
        AotCache rebuilt = AotCache.prepare("users", jar, aotRoot, JAVA, OPTIONS);

        assertThat(rebuilt.cacheFile()).isNotEqualTo(first.cacheFile());
        assertThat(rebuilt.trained()).isFalse();
        assertThat(rebuilt.application()).hasSameBinaryContentAs(jar);
        assertThat(first.cacheFile().getParent()).doesNotExist();
        assertThat(othersCache).isDirectory();
        assertThat(similarName).isDirectory();
    }

    @Test
    void aFailedTrainingLeavesNoCacheAndTheNextOneTrainsIt() throws Exception {
        requireJdk25();
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        AotCache aot = AotCache.prepare("orders", jar, tmp.resolve("aot"), JAVA, OPTIONS);

        assertThat(aot.trainInBackground(JAVA, OPTIONS, Map.of("FAKE_TRAINING_EXIT", "3")).get(120, TimeUnit.SECONDS))
                .isFalse();
        assertThat(aot.trained()).isFalse();
        assertThat(aot.cacheFile().resolveSibling("app.aot.training")).doesNotExist();
        assertThat(aot.cacheFile().resolveSibling("app.aot.training.config")).doesNotExist();

        assertThat(aot.trainInBackground(JAVA, OPTIONS, Map.of()).get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aot.trained()).isTrue();
    }

    @Test
    void aJarThatCannotBeExtractedIsReportedAndLeavesNothingBehind() throws IOException {
        Path notABootJar = tmp.resolve("jars/service.jar");
        Files.createDirectories(notABootJar.getParent());
        Files.writeString(notABootJar, "not a jar");

        assertThatThrownBy(() -> AotCache.prepare("users", notABootJar, tmp.resolve("aot"), JAVA, OPTIONS))
                .isInstanceOf(IOException.class).hasMessageContaining("extracting service.jar failed");
        try (var left = Files.list(tmp.resolve("aot"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theTrainingRunWritesNoFileOfTheServicesOwn() {
        Path dir = tmp.resolve("aot/users-0123456789abcdef");
        Map<String, String> env = new HashMap<>(Map.of("ORDERFLEET_JWT_KEY_FILE", "/data/jwt-signing-key.pem",
                "SERVER_PORT", "8081"));

        Map<String, String> training = AotCache.trainingEnvironment(env, dir);

        assertThat(training).containsEntry("ORDERFLEET_JWT_KEY_FILE", dir.resolve("training-jwt-key.pem").toString())
                .containsEntry("SERVER_PORT", "8081");
        assertThat(AotCache.trainingEnvironment(Map.of("SERVER_PORT", "8083"), dir))
                .doesNotContainKey("ORDERFLEET_JWT_KEY_FILE");
    }

    @Test
    void aServiceWithATrainedCacheStartsWithItFromTheExtractedJar() throws Exception {
        requireJdk25();
        assumeThat(System.getenv("FLEET_AOT")).isNotEqualToIgnoringCase("off");
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        AotCache aot = AotCache.prepare("inventory", jar, tmp.resolve("aot"), JAVA, ServiceProcess.jvmOptions());
        assertThat(aot.trainInBackground(JAVA, ServiceProcess.jvmOptions(), Map.of()).get(120, TimeUnit.SECONDS)).isTrue();
        int port = freePort();

        ServiceProcess service = ServiceProcess.start("inventory", jar, port, null, Map.of("SERVER_PORT", "" + port), "");
        try {
            service.awaitReady(Duration.ofSeconds(60));
            assertThat(service.command()).contains("-XX:AOTCache=" + aot.cacheFile())
                    .containsSequence("-jar", aot.application().toString());
        } finally {
            service.stop();
            service.awaitStopped(Duration.ofSeconds(10));
        }
        service.awaitOutputEnd(Duration.ofSeconds(10));
        assertThat(aot.trained()).isTrue();
    }

    @Test
    void aCacheTheJvmRejectsIsDeletedAndTheServiceStillStarts() throws Exception {
        requireJdk25();
        assumeThat(System.getenv("FLEET_AOT")).isNotEqualToIgnoringCase("off");
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        AotCache aot = AotCache.prepare("orders", jar, tmp.resolve("aot"), JAVA, ServiceProcess.jvmOptions());
        Files.writeString(aot.cacheFile(), "not an AOT cache");
        int port = freePort();

        ServiceProcess service = ServiceProcess.start("orders", jar, port, null, Map.of("SERVER_PORT", "" + port), "");
        try {
            service.awaitReady(Duration.ofSeconds(60));
            assertThat(service.command()).contains("-XX:AOTCache=" + aot.cacheFile());
        } finally {
            service.stop();
            service.awaitStopped(Duration.ofSeconds(10));
        }
        service.awaitOutputEnd(Duration.ofSeconds(10));
        assertThat(aot.cacheFile()).doesNotExist();
    }

    @Test
    void aServiceStartsFromItsJarWhenItsCacheCannotBePrepared() throws Exception {
        Path jar = fakeJar(tmp.resolve("jars/service.jar"), "one");
        Files.writeString(tmp.resolve("aot"), "a file where the cache directory would go");
        int port = freePort();

        ServiceProcess service = ServiceProcess.start("users", jar, port, null, Map.of("SERVER_PORT", "" + port), "");
        try {
            service.awaitReady(Duration.ofSeconds(60));
            assertThat(service.command()).containsSequence("-jar", jar.toString())
                    .noneMatch(arg -> arg.startsWith("-XX:AOTCache"));
        } finally {
            service.stop();
            service.awaitStopped(Duration.ofSeconds(10));
        }
    }

    private static void requireJdk25() {
        assumeThat(Runtime.version().feature()).as("the AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);
    }

    /** A jar of {@link FakeBootApp} alone, plus an entry that makes two builds differ. */
    private static Path fakeJar(Path jar, String build) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeBootApp.class.getName());
        String classFile = FakeBootApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream clazz = FakeBootApp.class.getClassLoader().getResourceAsStream(classFile)) {
            jarOut.putNextEntry(new JarEntry(classFile));
            clazz.transferTo(jarOut);
            jarOut.closeEntry();
            jarOut.putNextEntry(new JarEntry("build.txt"));
            jarOut.write(build.getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
