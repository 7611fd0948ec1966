package io.orderfleet.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.common.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SSRF rules, the backoff schedule and the signature scheme, without Spring. */
class WebhookRulesTest {

    /** A resolver that knows a few names, so that no test depends on real DNS. */
    static final TargetGuard.HostResolver NAMES = host -> {
        Map<String, String> table = Map.of("localhost", "127.0.0.1", "public.example.test", "93.184.216.34",
                "intranet.example.test", "10.1.2.3", "metadata.example.test", "169.254.169.254");
        String address = table.getOrDefault(host, host);
        return InetAddress.getAllByName(address);
    };

    static final TargetGuard STRICT = new TargetGuard(false, NAMES);
    static final TargetGuard LOCAL = new TargetGuard(true, NAMES);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "198.18.0.1", "::1", "fd00::1", "fc00::1", "fd00:ec2::254", "fec0::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1"})
    void privateAndLoopbackAddressesAreRefusedUnlessAllowed(String address) throws UnknownHostException {
        InetAddress ip = InetAddress.getByName(address);

        assertThat(TargetGuard.classify(ip)).isEqualTo(TargetGuard.Kind.PRIVATE);
        assertThatThrownBy(() -> STRICT.check(ip)).isInstanceOf(TargetGuard.RefusedTargetException.class);
        LOCAL.check(ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "febf::1", "0.0.0.0", "0.1.2.3", "::",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "ff02::1", "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::169.254.169.254"})
    void linkLocalUnspecifiedMulticastAndReservedAddressesAreAlwaysRefused(String address) throws UnknownHostException {
        InetAddress ip = InetAddress.getByName(address);

        assertThat(TargetGuard.classify(ip)).isEqualTo(TargetGuard.Kind.FORBIDDEN);
        assertThatThrownBy(() -> LOCAL.check(ip)).isInstanceOf(TargetGuard.RefusedTargetException.class);
        assertThatThrownBy(() -> STRICT.check(ip)).isInstanceOf(TargetGuard.RefusedTargetException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "2a00:1450:4001::1"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        InetAddress ip = InetAddress.getByName(address);

        assertThat(TargetGuard.classify(ip)).isEqualTo(TargetGuard.Kind.PUBLIC);
        STRICT.check(ip);
    }

    @Test
    void aUrlIsRefusedAtCreationWhenItsHostResolvesToARefusedAddress() {
        WebhookUrls strict = new WebhookUrls(STRICT);
        WebhookUrls local = new WebhookUrls(LOCAL);

        assertThat(strict.validate("https://public.example.test/hooks?x=1")).isEqualTo("https://public.example.test/hooks?x=1");
        assertRefused(() -> strict.validate("http://localhost:8080/hook"));
        assertRefused(() -> strict.validate("http://intranet.example.test/hook"));
        assertRefused(() -> strict.validate("http://10.0.0.7/hook"));
        assertRefused(() -> strict.validate("http://[fd12::1]/hook"));
        assertThat(local.validate("http://localhost:8080/hook")).isEqualTo("http://localhost:8080/hook");
        assertThat(local.validate("http://intranet.example.test/hook")).isEqualTo("http://intranet.example.test/hook");
        assertRefused(() -> local.validate("http://metadata.example.test/latest/meta-data/"));
        assertRefused(() -> local.validate("http://169.254.169.254/"));
        assertRefused(() -> local.validate("http://[fe80::1%25eth0]/"));
        assertRefused(() -> local.validate("gopher://public.example.test/"));
        assertRefused(() -> local.validate("https://user:secret@public.example.test/"));
        assertRefused(() -> local.validate("https://public.example.test/#frag"));
        assertRefused(() -> local.validate("https://public.example.test:0/"));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status().value()).isEqualTo(422));
    }

    @Test
    void theDefaultBackoffGrowsExponentiallyUpToItsCapWithBoundedJitter() {
        WebhookProperties defaults = new WebhookProperties(false, 8, Duration.ofSeconds(30), 3.0, Duration.ofHours(6), 0.2,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60), 20, Duration.ofDays(7));
        Backoff backoff = new Backoff(defaults);

        assertThat(backoff.nominal(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.nominal(2)).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.nominal(3)).isEqualTo(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(backoff.nominal(7)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.after(2, 0.0)).isEqualTo(Duration.ofSeconds(72));
        assertThat(backoff.after(2, 0.5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.after(2, 0.999999)).isLessThanOrEqualTo(Duration.ofSeconds(108));
    }

    @Test
    void signaturesFollowStandardWebhooksWithTheDecodedSecretAsKey() throws Exception {
        String secret = WebhookSignatures.newSecret(new SecureRandom());
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");

        String signature = WebhookSignatures.sign(secret, "msg_1", 1_700_000_000L, "{\"a\":1}");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal("msg_1.1700000000.{\"a\":1}".getBytes()));
        assertThat(signature).isEqualTo("v1," + expected);
        // the reference vector of the Standard Webhooks specification
        assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
