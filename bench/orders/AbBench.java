import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two fleets on one machine, A and B, loaded in turns: the same closed loop as {@link PlaceOrderBench}, one window
 * at a time, never both at once. Warm-up alternates A and B until each has had -Dwarmup seconds; then -Drounds
 * measured rounds of one window each, in the order A B, B A, A B, ... so that a machine that gets faster or slower
 * during the run (it does: see docs/performance.md) moves both sides alike. Prints every round and writes the
 * medians, with the CPU per order of each fleet's processes, to -Dout.
 *
 * <p>Arguments: for A then B, the gateway URL, the admin password, the runner's pid and the fleet's data directory.
 */
public class AbBench {

    static final int WINDOW = Integer.getInteger("window", 30);
    static final int WARMUP = Integer.getInteger("warmup", 420);
    static final int ROUNDS = Integer.getInteger("rounds", 8);
    static final double TICKS = Long.getLong("clk.tck", 100);

    record Side(String name, String label, String gateway, long pid, String data, List<String> skus,
            PlaceOrderBench.Shoppers shoppers) {
    }

    record Round(double ordersPerSecond, double cpuMsPerOrder, Map<String, Double> perComponent, int errors) {
    }

    public static void main(String[] args) throws Exception {
        List<Side> sides = List.of(side("A", System.getProperty("labelA", "A"), args, 0),
                side("B", System.getProperty("labelB", "B"), args, 4));
        int warmed = 0;
        while (warmed < WARMUP) {
            for (Side s : sides) {
                Round r = window(s);
                System.out.printf("warm-up %s: %.1f orders/s, %d errors, fleet CPU %.2f ms per order%n", s.name(),
                        r.ordersPerSecond(), r.errors(), r.cpuMsPerOrder());
            }
            warmed += WINDOW;
        }
        Map<String, List<Round>> rounds = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ROUNDS; i++) {
            List<Side> order = i % 2 == 0 ? sides : sides.reversed();
            for (Side s : order) {
                Round r = window(s);
                rounds.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(r);
                String line = String.format("round %d %s: %.1f orders/s, %d errors, fleet CPU %.2f ms per order %s",
                        i + 1, s.name(), r.ordersPerSecond(), r.errors(), r.cpuMsPerOrder(), r.perComponent());
                System.out.println(line);
                lines.append("- ").append(line).append('\n');
            }
        }
        Files.writeString(Path.of(System.getProperty("out", "bench/results/orders-ab.md")), report(sides, rounds, lines));
    }

    static Side side(String name, String label, String[] args, int at) throws Exception {
        String gateway = args[at];
        String admin = PlaceOrderBench.login(gateway, "admin@orderfleet.local", args[at + 1]);
        return new Side(name, label, gateway, Long.parseLong(args[at + 2]), args[at + 3],
                PlaceOrderBench.createItems(gateway, admin),
                PlaceOrderBench.Shoppers.register(gateway, PlaceOrderBench.CLIENTS));
    }

    static Round window(Side s) throws Exception {
        s.shoppers().renewIfOld();
        Map<String, Long> before = PlaceOrderBench.fleetCpuTicks(s.pid(), s.data());
        PlaceOrderBench.Result r = PlaceOrderBench.closedLoop(s.gateway(), s.shoppers().tokens, s.skus(), WINDOW,
                s.name());
        Map<String, Long> after = PlaceOrderBench.fleetCpuTicks(s.pid(), s.data());
        Map<String, Double> per = new TreeMap<>();
        double total = 0;
        for (var e : after.entrySet()) {
            double ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 1000 / TICKS / Math.max(1, r.ok());
            per.put(e.getKey(), Math.round(ms * 100) / 100.0);
            total += ms;
        }
        return new Round(r.perSecond(), total, per, r.errors());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String report(List<Side> sides, Map<String, List<Round>> rounds, StringBuilder lines) {
        StringBuilder md = new StringBuilder("# Place-order benchmark, A/B in alternating windows\n\n");
        md.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. Two fleets side by side, loaded in turns (never both at once): ")
                .append(PlaceOrderBench.CLIENTS).append(" closed-loop clients, ").append(WINDOW).append(" s windows, ")
                .append(WARMUP).append(" s of warm-up per side (alternating), then ").append(ROUNDS)
                .append(" rounds in the order AB, BA, AB, ... Each order: 2 lines.\n\n");
        for (Side s : sides) {
            md.append("- ").append(s.name()).append(": ").append(s.label()).append('\n');
        }
        md.append("\n| | A | B | B / A |\n|---|---:|---:|---:|\n");
        double ra = median(rounds.get("A").stream().map(Round::ordersPerSecond).toList());
        double rb = median(rounds.get("B").stream().map(Round::ordersPerSecond).toList());
        md.append(String.format("| orders/s, median of %d windows | %.1f | %.1f | %.2f |%n", ROUNDS, ra, rb, rb / ra));
        double ca = median(rounds.get("A").stream().map(Round::cpuMsPerOrder).toList());
        double cb = median(rounds.get("B").stream().map(Round::cpuMsPerOrder).toList());
        md.append(String.format("| CPU ms per order, whole fleet, median | %.2f | %.2f | %.2f |%n", ca, cb, cb / ca));
        List<String> components = new ArrayList<>(rounds.get("A").getFirst().perComponent().keySet());
        rounds.get("B").getFirst().perComponent().keySet().stream().filter(c -> !components.contains(c)).forEach(components::add);
        for (String c : components) {
            double a = median(rounds.get("A").stream().map(r -> r.perComponent().getOrDefault(c, 0.0)).toList());
            double b = median(rounds.get("B").stream().map(r -> r.perComponent().getOrDefault(c, 0.0)).toList());
            md.append(String.format("| %s, CPU ms per order, median | %.2f | %.2f | %s |%n", c, a, b,
                    a > 0 ? String.format("%.2f", b / a) : ""));
        }
        md.append("\nEvery measured window:\n\n").append(lines);
        return md.toString();
    }
}
