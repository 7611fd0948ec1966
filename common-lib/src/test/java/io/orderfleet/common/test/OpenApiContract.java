package io.orderfleet.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SPA's typed API layer is generated from OpenAPI documents committed under {@code web/openapi/}.
 * This compares such a document with the one a service really serves (its public group, the one the
 * gateway's /docs shows), normalized the way {@code web/scripts/openapi.mjs} writes it: keys sorted,
 * {@code servers} left out. With {@code -Dorderfleet.openapi.write=true} it writes the served document
 * into the committed file instead of comparing.
 */
public final class OpenApiContract {

    public static final String WRITE_PROPERTY = "orderfleet.openapi.write";
    private static final int MAX_DIFFERENCES = 25;

    private OpenApiContract() {
    }

    /** {@code web/openapi/<service>.json}, seen from a service module's directory (the tests' working directory). */
    public static Path committedSpec(String service) {
        return Path.of("..", "web", "openapi", service + ".json").toAbsolutePath().normalize();
    }

    /**
     * Fails, listing the differing JSON pointers and the commands that regenerate the spec, when the
     * committed document differs from {@code served}; in write mode writes {@code served} instead.
     */
    public static void assertCommittedSpecMatches(String service, String testClass, String served) {
        JsonNode actual = normalizeDocument(ApiClient.JSON.readTree(served));
        Path file = committedSpec(service);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(file, actual);
            return;
        }
        JsonNode committed;
        try {
            committed = ApiClient.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("Cannot read the committed OpenAPI document " + file + ": " + e
                    + "\n" + howToRegenerate(service, testClass));
        }
        List<String> differences = new ArrayList<>();
        diff("", normalizeDocument(committed), actual, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError("web/openapi/" + service + ".json is not what " + service
                    + " serves at /v3/api-docs/public (" + differences.size() + " difference(s); '+' only served,"
                    + " '-' only committed, '~' changed):\n  " + String.join("\n  ", differences.subList(0,
                    Math.min(MAX_DIFFERENCES, differences.size()))) + (differences.size() > MAX_DIFFERENCES ? "\n  ..." : "")
                    + "\n" + howToRegenerate(service, testClass));
        }
    }

    static String howToRegenerate(String service, String testClass) {
        return "Regenerate the spec and the SPA's types, then commit both:\n"
                + "  ./mvnw -B -ntp test -pl " + service + "-service -am -Dtest=" + testClass
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true\n"
                + "  (cd web && npm run api:generate && npm run check)\n"
                + "or, against a running fleet: (cd web && npm run api:update -- http://localhost:8080)";
    }

    /** Keys sorted at every level. */
    static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = ApiClient.JSON.createObjectNode();
            for (String name : new TreeSet<>(node.propertyNames())) {
                sorted.set(name, normalize(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = ApiClient.JSON.createArrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        return node;
    }

    /** Keys sorted, no {@code servers} (it names the host and port the document was fetched from). */
    static JsonNode normalizeDocument(JsonNode document) {
        JsonNode sorted = normalize(document);
        if (sorted instanceof ObjectNode object) {
            object.remove("servers");
        }
        return sorted;
    }

    /** JSON pointers where {@code committed} and {@code served} differ, in document order. */
    static void diff(String pointer, JsonNode committed, JsonNode served, List<String> out) {
        if (committed.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>(committed.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    out.add("+ " + child + ": " + abbreviate(served.get(name)));
                } else if (!served.has(name)) {
                    out.add("- " + child + ": " + abbreviate(committed.get(name)));
                } else {
                    diff(child, committed.get(name), served.get(name), out);
                }
            }
        } else if (committed.isArray() && served.isArray()) {
            for (int i = 0; i < Math.max(committed.size(), served.size()); i++) {
                if (i >= committed.size()) {
                    out.add("+ " + pointer + "/" + i + ": " + abbreviate(served.get(i)));
                } else if (i >= served.size()) {
                    out.add("- " + pointer + "/" + i + ": " + abbreviate(committed.get(i)));
                } else {
                    diff(pointer + "/" + i, committed.get(i), served.get(i), out);
                }
            }
        } else if (!committed.equals(served)) {
            out.add("~ " + pointer + ": " + abbreviate(committed) + " -> " + abbreviate(served));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Written as {@code JSON.stringify(doc, null, 2)} writes it, so both ways of updating give the same file. */
    private static void write(Path file, JsonNode document) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        try {
            Files.writeString(file, ApiClient.JSON.writer().with(printer).writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
