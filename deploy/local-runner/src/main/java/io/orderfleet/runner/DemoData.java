package io.orderfleet.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the demo catalog and the demo shopper once, through the gateway's public API. */
final class DemoData {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[][] CATALOG = {
        {"KB", "Mechanical Keyboard", "Low-profile keyboard with hot-swappable switches", "8900"},
        {"MS", "Wireless Mouse", "Ergonomic mouse with a 70-day battery", "3400"},
        {"MN", "27-inch Monitor", "1440p IPS panel, 165 Hz", "28900"},
        {"HP", "Noise-cancelling Headphones", "Over-ear, 30 hours of playback", "19900"},
        {"WC", "HD Webcam", "1080p with a privacy shutter", "5900"},
        {"DK", "USB-C Dock", "Two displays, Ethernet and 100 W charging", "14900"},
        {"CH", "Office Chair", "Mesh back, adjustable lumbar support", "32900"},
        {"DS", "Standing Desk", "Electric, 120 x 60 cm", "44900"},
        {"LP", "Desk Lamp", "Dimmable LED with USB charging", "4500"},
        {"MP", "Mouse Pad", "Extended cloth pad, 90 x 40 cm", "1900"},
    };
    private static final String[] EDITIONS = {"Classic", "Pro", "Mini", "Max", "Eco"};

    private DemoData() {
    }

    static void load(String gateway, String adminEmail, String adminPassword, String shopperEmail, String shopperPassword)
            throws IOException, InterruptedException {
        String admin = login(gateway, adminEmail, adminPassword);
        int created = 0;
        for (int e = 0; e < EDITIONS.length; e++) {
            for (String[] item : CATALOG) {
                String sku = item[0] + "-" + String.format("%03d", e + 1);
                long price = Long.parseLong(item[3]) + e * 1000L;
                int stock = (created * 37) % 60;
                String body = "{\"sku\":\"" + sku + "\",\"name\":\"" + item[1] + " " + EDITIONS[e] + "\",\"description\":\""
                        + item[2] + "\",\"priceCents\":" + price + ",\"available\":" + stock + "}";
                int status = post(gateway + "/api/v1/inventory/items", admin, body).statusCode();
                if (status != 201 && status != 409) {
                    throw new IllegalStateException("could not create demo item " + sku + ": HTTP " + status);
                }
                created++;
            }
        }
        var shopper = post(gateway + "/api/v1/auth/register", null, "{\"name\":\"Demo Shopper\",\"email\":\""
                + shopperEmail + "\",\"password\":\"" + shopperPassword + "\"}");
        if (shopper.statusCode() != 201 && shopper.statusCode() != 409) {
            throw new IllegalStateException("could not register the demo shopper: HTTP " + shopper.statusCode());
        }
        System.out.println("Loaded " + created + " demo items and the demo shopper.");
    }

    static String login(String gateway, String email, String password) throws IOException, InterruptedException {
        var response = post(gateway + "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("demo login for " + email + " failed: HTTP " + response.statusCode());
        }
        return m.group(1);
    }

    private static HttpResponse<String> post(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
