package io.orderfleet.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class FleetInfrastructureTest {

    @Test
    void eachServiceGetsItsOwnRealPostgresDatabaseAndRedisAnswers() throws Exception {
        FleetInfrastructure infra = FleetInfrastructure.get();
        String url = infra.database("commontestdb");

        try (var c = DriverManager.getConnection(url, infra.postgres().username(), infra.postgres().password());
                var rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("commontestdb");
            assertThat(rs.getString(2)).startsWith("PostgreSQL");
        }
        try (Socket socket = new Socket(infra.redis().host(), infra.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }
}
