package io.orderfleet.orders.clients;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/** JDK HTTP clients with real connect and read timeouts: a peer that hangs costs a bounded wait. */
final class HttpClients {

    private HttpClients() {
    }

    static JdkClientHttpRequestFactory factory(Duration connect, Duration read) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(connect).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(read);
        return factory;
    }
}
