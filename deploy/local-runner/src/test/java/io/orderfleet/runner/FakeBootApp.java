package io.orderfleet.runner;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A stand-in for a service's boot jar in {@link AotCacheTest}, packed alone into a jar: {@code -Djarmode=tools ...
 * extract --destination D} copies the jar into D (as Spring Boot's extraction puts the application jar there),
 * {@code -Dspring.context.exit=onRefresh} exits 0 (or FAKE_TRAINING_EXIT), otherwise it listens on SERVER_PORT
 * until it is stopped. JDK classes only.
 */
public final class FakeBootApp {

    public static void main(String[] args) throws Exception {
        Path self = Path.of(System.getProperty("java.class.path"));
        if ("tools".equals(System.getProperty("jarmode"))) {
            if (args.length != 3 || !args[0].equals("extract") || !args[1].equals("--destination")) {
                System.out.println("usage: extract --destination DIR");
                System.exit(1);
            }
            Path destination = Path.of(args[2]);
            Files.createDirectories(destination);
            Files.copy(self, destination.resolve(self.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if ("onRefresh".equals(System.getProperty("spring.context.exit"))) {
            String code = System.getenv("FAKE_TRAINING_EXIT");
            System.exit(code == null ? 0 : Integer.parseInt(code));
        }
        try (ServerSocket server = new ServerSocket(Integer.parseInt(System.getenv("SERVER_PORT")), 50,
                InetAddress.getLoopbackAddress())) {
            System.out.println("fake service listening");
            while (true) {
                try (Socket ignored = server.accept()) {
                    // readiness by connection only
                }
            }
        }
    }
}
