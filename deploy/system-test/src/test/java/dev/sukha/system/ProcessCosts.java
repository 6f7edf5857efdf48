package dev.sukha.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load cost each process, per event: CPU milliseconds from {@code /proc/<pid>/stat} (user +
 * system time, in clock ticks of 10 ms) and the store commands session-service sent (its MongoDB
 * driver's command counter, {@code mongodb_driver_commands_seconds_count}), read before and after
 * the measured part of a run, with what its store did (documents asked for, read, inserted, updated, bytes written:
 * its own command listener's counts, the same whatever the store). CPU per event is far steadier on a shared box than requests a second.
 */
final class ProcessCosts {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ProcessCosts() {
    }

    /**
     * A reading: each process's CPU ticks so far, session-service's store commands so far, and what its store did
     * (documents asked for, read, inserted, updated; bytes written) from its command listener.
     */
    record Snapshot(Map<String, Long> ticks, double storeCommands, Map<String, Double> store) {
    }

    /** session-service's store work, as its command listener counts it ({@code sukha_store_*}), summed over collections. */
    static final Map<String, String> STORE_WORK = Map.of(
            "docs asked for", "sukha_store_documents_total\\{.*op=\"looked_up\".*",
            "docs read", "sukha_store_documents_total\\{.*op=\"read\".*",
            "docs inserted", "sukha_store_documents_total\\{.*op=\"inserted\".*",
            "docs updated", "sukha_store_documents_total\\{.*op=\"updated\".*",
            "bytes written", "sukha_store_written_bytes_total\\{.*");

    /** The processes measured: the three services and this JVM, which runs the broker and the store. */
    static Map<String, Long> processes(RunningSystem system) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("session-service", system.sessions.pid());
        pids.put("store + broker", ProcessHandle.current().pid());
        pids.put("insights-service", system.insights.pid());
        return pids;
    }

    static Snapshot take(Map<String, Long> pids, String sessionManagementUrl) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        ticks.putAll(ownThreads());
        String metrics = metrics(sessionManagementUrl);
        Map<String, Double> store = new LinkedHashMap<>();
        for (String what : List.of("docs asked for", "docs read", "docs inserted", "docs updated", "bytes written")) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(STORE_WORK.get(what));
            store.put(what, metrics.lines().filter(l -> p.matcher(l).matches()).mapToDouble(ProcessCosts::sampleValue).sum());
        }
        return new Snapshot(ticks, metrics.lines().filter(l -> l.startsWith("mongodb_driver_commands_seconds_count"))
                .mapToDouble(ProcessCosts::sampleValue).sum(), store);
    }

    /**
     * This JVM's CPU by what its threads do, from {@code /proc/self/task/<tid>/{comm,stat}}: the
     * store's (mongo-java-server's workers, H2's writer), the broker's (Kafka's network, request
     * handler, replica and controller threads), the JVM's own (GC, JIT) and the rest (the bench's
     * clients). A thread that ended between two readings takes its ticks with it: a lower bound.
     */
    static Map<String, Long> ownThreads() {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : List.of(" of which store", " of which broker", " of which GC+JIT", " of which other")) {
            parts.put(part, 0L);
        }
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    parts.merge(part(comm), cpuTicks(Files.readString(task.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc/self/task", e);
        }
        return parts;
    }

    private static String part(String comm) {
        if (comm.startsWith("mongo-server") || comm.startsWith("MVStore") || comm.startsWith("nioEventLoopGro")) {
            return " of which store";
        }
        if (comm.startsWith("data-plane") || comm.startsWith("kafka") || comm.startsWith("ReplicaFetcher")
                || comm.startsWith("broker") || comm.startsWith("controller") || comm.startsWith("raft")
                || comm.startsWith("quorum") || comm.startsWith("group-coord") || comm.startsWith("LogCleaner")
                || comm.startsWith("ExpirationReap") || comm.startsWith("executor-")) {
            return " of which broker";
        }
        if (comm.startsWith("GC ") || comm.startsWith("VM Thread") || comm.startsWith("C1 ") || comm.startsWith("C2 ")
                || comm.startsWith("G1 ") || comm.startsWith("VM Periodic")) {
            return " of which GC+JIT";
        }
        return " of which other";
    }

    /** CPU milliseconds per event of each process, and "store commands" per event, between two readings. */
    static Map<String, Double> perEvent(Snapshot before, Snapshot after, double events) {
        Map<String, Double> costs = new LinkedHashMap<>();
        before.ticks().forEach((name, t0) -> costs.put(name, (after.ticks().get(name) - t0) * 10.0 / events));
        costs.put("store commands", (after.storeCommands() - before.storeCommands()) / events);
        before.store().forEach((what, n0) -> costs.put(what, (after.store().get(what) - n0) / events));
        return costs;
    }

    static String describe(Map<String, Double> costs) {
        StringBuilder s = new StringBuilder();
        costs.forEach((name, v) -> {
            if (s.length() > 0) {
                s.append(" · ");
            }
            if (name.equals("store commands") || STORE_WORK.containsKey(name)) {
                s.append(String.format(Locale.ROOT, name.equals("bytes written") ? "%.0f %s" : "%.3f %s", v, name));
            } else {
                s.append(String.format(Locale.ROOT, "%s %.2f ms", name.replace("-service", ""), v));
            }
        });
        return s + " per event";
    }

    static long ticks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException e) {
            throw new IllegalStateException("no CPU reading for process " + pid, e);
        }
    }

    /** User + system time from a {@code /proc/.../stat} line, in ticks; the name in parentheses may hold spaces. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static String metrics(String sessionManagementUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(sessionManagementUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of one line of Prometheus text: "name{labels} value", "name value", and on counters
     * with tracing on, an exemplar after it ("# {trace_id=...} 1.0 ts") whose numbers are not the value.
     */
    static double sampleValue(String line) {
        int exemplar = line.indexOf(" # ");
        String sample = (exemplar < 0 ? line : line.substring(0, exemplar)).trim();
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
