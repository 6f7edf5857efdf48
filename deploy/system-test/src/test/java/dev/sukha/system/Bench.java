package dev.sukha.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.platform.sealing.TestSealer;
import dev.sukha.stack.Demo;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code ./run bench [--quick]}: measures the system against raw baselines taken in the
 * same run on the same machine, and prints (and writes to target/bench/) a table of
 * ratios. Everything runs on loopback, with bounded durations.
 */
public final class Bench {

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTINE = "upper-back-release";

    private final boolean quick;
    /** Scenarios to run ({@code --only=single,batches,neighbour,reads,visibility,changes,catchup,tokens}); all when empty. */
    private final java.util.Set<String> only;
    private final Duration warmup;
    private final Duration measure;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, Long> peakRss = new LinkedHashMap<>();
    /** The CPU wrk took in each run, in cores: it must stay well under what the system gets. */
    private final List<Double> clientCpu = new ArrayList<>();
    private RunningSystem system;

    Bench(boolean quick, java.util.Set<String> only) {
        this.quick = quick;
        this.only = only;
        // Fresh service JVMs compile their hot paths for the first half minute of load: warm up that long.
        this.warmup = Duration.ofSeconds(quick ? 10 : 20);
        this.measure = Duration.ofSeconds(quick ? 6 : 20);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        java.util.Set<String> only = Arrays.stream(args).filter(a -> a.startsWith("--only="))
                .flatMap(a -> Arrays.stream(a.substring(7).split(","))).collect(java.util.stream.Collectors.toSet());
        Instant t0 = Instant.now();
        try {
            new Bench(quick, only).run();
        } catch (Exception e) {
            // The stack and the services run in threads and processes of this JVM: end them all.
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf("%nbench finished in %d s%n", Duration.between(t0, Instant.now()).toSeconds());
        System.exit(0);
    }

    void run() throws Exception {
        if (!Wrk.available()) {
            System.err.println("./run bench drives HTTP with Debian's wrk (a lean load generator in its own process): "
                    + "install it with 'sudo apt-get install wrk'");
            System.exit(2);
        }
        step("starting the local stack and the three services (packaged jars)");
        SharedStack.Info stack = SharedStack.get();
        system = new RunningSystem(Map.of("sukha.bench.endpoints", "true"));
        // The minimal durable baseline's topic: as practice-events is, partitions and all.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("bench-durable", dev.sukha.stack.Topics.PRACTICE_EVENTS_PARTITIONS, (short) 1)))
                    .all().get();
        }
        Map<String, Object> ready = new LinkedHashMap<>();
        Map<String, Object> idle = new LinkedHashMap<>();
        for (ServiceProcess p : system.all()) {
            ready.put(p.name, p.startedIn().toMillis());
            idle.put(p.name, p.rssMb());
        }
        raw.put("readyMs", ready);
        raw.put("rssIdleMb", idle);

        if (wanted("single")) {
            singleEvents();
        }
        if (wanted("batches")) {
            batches(stack);
        }
        if (wanted("neighbour")) {
            noisyNeighbour();
        }
        if (wanted("reads")) {
            historyReads(stack);
        }
        if (wanted("visibility")) {
            visibility();
        }
        if (wanted("changes")) {
            conditionalReads();
            changeStreams();
        }
        if (wanted("catchup")) {
            catchUp(stack);
        }
        // Last: it spends this address's budget of failed tokens on the instance the other scenarios use.
        if (wanted("tokens")) {
            invalidTokens();
        }

        rows.add(new String[]{"time to ready (start → /q/health/ready)",
                ready.entrySet().stream().map(e -> e.getKey().replace("-service", "") + " " + String.format(Locale.ROOT, "%.1f s", ((Long) e.getValue()) / 1000.0)).reduce((a, b) -> a + ", " + b).orElse(""),
                "—", "—", "—"});
        rows.add(new String[]{"resident memory idle / peak under load",
                system.all().stream().map(p -> p.name.replace("-service", "") + " " + idle.get(p.name) + " / " + peakRss.getOrDefault(p.name, -1L) + " MB").reduce((a, b) -> a + ", " + b).orElse(""),
                "—", "—", "—"});
        raw.put("rssPeakMb", peakRss);
        double maxClient = clientCpu.stream().mapToDouble(Double::doubleValue).filter(c -> c >= 0).max().orElse(0);
        double meanClient = clientCpu.stream().mapToDouble(Double::doubleValue).filter(c -> c >= 0).average().orElse(0);
        raw.put("loadGeneratorCores", Map.of("mean", meanClient, "max", maxClient));
        rows.add(new String[]{"load generator (wrk) CPU", String.format(Locale.ROOT, "mean %.2f, max %.2f cores of %d",
                meanClient, maxClient, Runtime.getRuntime().availableProcessors()), "—", "—", "well under the system's"});
        report();
        system.close();
    }

    interface CostedRun {
        Wrk.Result run(Runnable beforeMeasuring) throws Exception;
    }

    /** A wrk run whose measured part is costed per event ({@code eventsPerRequest} each), under {@code what}. */
    private Wrk.Result costed(String what, Map<String, Map<String, Double>> costs, int eventsPerRequest, CostedRun run)
            throws Exception {
        Map<String, Long> pids = ProcessCosts.processes(system);
        ProcessCosts.Snapshot[] before = new ProcessCosts.Snapshot[1];
        Wrk.Result result = run.run(() -> before[0] = ProcessCosts.take(pids, system.sessions.managementUrl()));
        ProcessCosts.Snapshot after = ProcessCosts.take(pids, system.sessions.managementUrl());
        costs.put(what, ProcessCosts.perEvent(before[0], after, (double) result.requests() * eventsPerRequest));
        return result;
    }

    private boolean wanted(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    // ---- scenarios ------------------------------------------------------------------

    private void singleEvents() throws Exception {
        step("single-event POST /v1/events at 64 connections (wrk), against a trivial POST of the same service");
        String url = system.sessions.url();
        // A thousand people, so that no one practises more sessions in a week than insights keeps (300).
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(tokenFor("bench-single-" + i));
        }
        String at = RFC_3339.format(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30).withNano(0));
        // A fresh session per request: its start, with pain.
        String start = Wrk.tokensTable(tokens) + Wrk.UUID_LUA + """
                local i = 0
                request = function()
                  i = i + 1
                  local body = '{"eventId":"' .. uuid() .. '","type":"SESSION_STARTED","sessionId":"' .. uuid() ..
                    '","occurredAt":"%s","routineId":"%s","zone":"UTC","pain":{"upper_back":6,"neck":4}}'
                  return wrk.format("POST", "%s", {["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1],
                    ["Content-Type"] = "application/json"}, body)
                end
                """.formatted(at, ROUTINE, "%s");
        // A pose completed in one of each person's open sessions (a step may be done again).
        // 256 open sessions: no session gets near the 1,000 events a session may hold.
        List<String> poseTokens = tokens.subList(0, 256);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < poseTokens.size(); i++) {
            UUID session = UUID.randomUUID();
            HttpResponse<String> r = send(post(url + "/v1/events", poseTokens.get(i),
                    json(startOf(session, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(40).withNano(0)))));
            if (r == null || r.statusCode() != 202) {
                throw new IllegalStateException("could not open a session: " + (r == null ? "no answer" : r.body()));
            }
            open.add(session.toString());
        }
        StringBuilder sessions = new StringBuilder("local sessions = {");
        open.forEach(o -> sessions.append(Wrk.lua(o)).append(","));
        sessions.append("}\n");
        String pose = Wrk.tokensTable(poseTokens) + sessions + Wrk.UUID_LUA + """
                local i = 0
                request = function()
                  i = i + 1
                  local k = (i %% #tokens) + 1
                  local body = '{"eventId":"' .. uuid() .. '","type":"POSE_COMPLETED","sessionId":"' .. sessions[k] ..
                    '","occurredAt":"%s","step":' .. random(0, 8) .. '}'
                  return wrk.format("POST", "%s", {["Authorization"] = "Bearer " .. tokens[k],
                    ["Content-Type"] = "application/json"}, body)
                end
                """.formatted(at, "%s");
        Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
        Wrk.Result noop = costed("trivial POST", costs, 1, (before) -> Wrk.run(url + "/v1/bench/noop", 64, warmup, measure,
                start.replace("\"%s\"", Wrk.lua("/v1/bench/noop")), before));
        Wrk.Result durable = costed("durable baseline", costs, 1, (before) -> Wrk.run(url + "/v1/bench/durable", 64, warmup, measure,
                start.replace("\"%s\"", Wrk.lua("/v1/bench/durable")), before));
        Wrk.Result starts = costed("SESSION_STARTED", costs, 1, (before) -> Wrk.run(url + "/v1/events", 64, warmup, measure,
                start.replace("\"%s\"", Wrk.lua("/v1/events")), before));
        // The floor's topic has no reader; practice-events has insights, whose consuming and projection writes
        // run on the same two cores (and in the store's process). The same load with insights stopped (SIGSTOP)
        // is ingest doing exactly the floor's share of the machine's work; insights catches up after SIGCONT.
        // On a shared machine the floor itself drifts by a fifth within minutes: the paused run is bracketed by two runs
        // of the floor in the same pause, and compared with their mean (a steady drift cancels; their spread is shown).
        Wrk.Result[] floors = new Wrk.Result[2];
        // For each rate: the floor's run, then ingest's, on one schedule.
        Wrk.Result[][] paced = new Wrk.Result[PACES.length][2];
        Wrk.Result alone = system.insights.whilePaused(() -> {
            floors[0] = costed("durable baseline, insights paused, before", costs, 1, (before) -> Wrk.run(url + "/v1/bench/durable", 64,
                    warmup, measure, start.replace("\"%s\"", Wrk.lua("/v1/bench/durable")), before));
            Wrk.Result r = costed("SESSION_STARTED, insights paused", costs, 1, (before) ->
                    Wrk.run(url + "/v1/events", 64, warmup, measure, start.replace("\"%s\"", Wrk.lua("/v1/events")), before));
            floors[1] = costed("durable baseline, insights paused, after", costs, 1, (before) -> Wrk.run(url + "/v1/bench/durable", 64,
                    warmup, measure, start.replace("\"%s\"", Wrk.lua("/v1/bench/durable")), before));
            // At saturation 64 connections wait 64 / throughput on average (Little's law), so a p99 there follows the
            // throughput. The latency a person sees is compared at one and the same traffic: both sent on one schedule,
            // the floor first, at fixed rates (so that two builds' runs compare too; CPU per event rises as the rate
            // falls), well under what ingest carries here (~1,000–1,300 a second).
            for (int i = 0; i < PACES.length; i++) {
                String pacing = Wrk.paced(PACES[i]);
                paced[i][0] = costed(pacedFloor(i), costs, 1, (before) -> Wrk.run(url + "/v1/bench/durable", 64, PACED_WARMUP,
                        measure, pacing + start.replace("\"%s\"", Wrk.lua("/v1/bench/durable")), before));
                paced[i][1] = costed(pacedStarts(i), costs, 1, (before) -> Wrk.run(url + "/v1/events", 64, PACED_WARMUP,
                        measure, pacing + start.replace("\"%s\"", Wrk.lua("/v1/events")), before));
            }
            return r;
        });
        double floorRate = (floors[0].perSecond() + floors[1].perSecond()) / 2;
        double floorP99 = (floors[0].p99Ms() + floors[1].p99Ms()) / 2;
        Wrk.Result poses = Wrk.run(url + "/v1/events", 64, warmup, measure, pose.replace("\"%s\"", Wrk.lua("/v1/events")));
        raw.put("singleEvent", Map.of("starts", starts.summary(), "poses", poses.summary(), "noop", noop.summary(),
                "durable", durable.summary(), "startsInsightsPaused", alone.summary(),
                "durableInsightsPaused", List.of(floors[0].summary(), floors[1].summary()),
                "pacedInsightsPaused", Arrays.stream(paced).map(p -> Map.of("starts", p[1].summary(), "durable", p[0].summary()))
                        .toList(), "costsPerEvent", costs));
        rows.add(new String[]{"single SESSION_STARTED against the minimal durable baseline, 64 connections", starts.describe(),
                "durable baseline " + durable.describe(), ratio(starts.perSecond(), durable.perSecond())
                + String.format(Locale.ROOT, " (p99 %.1f×)", starts.p99Ms() / durable.p99Ms()), "≥ 1.0×, p99 ≤ baseline's"});
        rows.add(new String[]{"the same with insights paused (nobody reads either topic), 64 connections", alone.describe(),
                "durable baseline in the same pause, before " + floors[0].describe() + "; after " + floors[1].describe(),
                ratio(alone.perSecond(), floorRate) + String.format(Locale.ROOT, " of their mean (p99 %.1f×)", alone.p99Ms() / floorP99),
                "≥ 1.0×, p99 ≤ baseline's"});
        for (int i = 0; i < PACES.length; i++) {
            Wrk.Result floor = paced[i][0];
            Wrk.Result ingest = paced[i][1];
            rows.add(new String[]{"the same at " + PACES[i] + " a second, both on one schedule (64 connections)",
                    ingest.describe(), "durable baseline on the same schedule " + floor.describe(),
                    String.format(Locale.ROOT, "p50 %.1f×, p99 %.1f× (rates %s)", ingest.p50Ms() / floor.p50Ms(),
                            ingest.p99Ms() / floor.p99Ms(), ratio(ingest.perSecond(), floor.perSecond())),
                    "p99 ≤ baseline's"});
        }
        costs.forEach((what, c) -> rows.add(new String[]{"cost per single event: " + what, ProcessCosts.describe(c), "—",
                what.startsWith("SESSION_STARTED") ? String.format(Locale.ROOT, "session CPU %.1f× the durable baseline's",
                        c.get("session-service") / floorCpu(costs, what)) : "—",
                what.startsWith("SESSION_STARTED") ? "session CPU ≤ 2× baseline" : "report"}));
        rows.add(new String[]{"single SESSION_STARTED (new session), 64 connections", starts.describe(),
                "trivial POST " + noop.describe(), ratio(starts.perSecond(), noop.perSecond())
                + String.format(Locale.ROOT, " (p99 %.1f×)", starts.p99Ms() / noop.p99Ms()), "≥ 0.5×, p99 ≤ 2×"});
        rows.add(new String[]{"single POSE_COMPLETED (open session), 64 connections", poses.describe(),
                "trivial POST " + noop.describe(), ratio(poses.perSecond(), noop.perSecond())
                + String.format(Locale.ROOT, " (p99 %.1f×)", poses.p99Ms() / noop.p99Ms()), "≥ 0.5×, p99 ≤ 2×"});
        clientCpu.add(noop.clientCores());
        clientCpu.add(durable.clientCores());
        clientCpu.add(starts.clientCores());
        clientCpu.add(poses.clientCores());
        clientCpu.add(alone.clientCores());
        clientCpu.add(floors[0].clientCores());
        clientCpu.add(floors[1].clientCores());
        Arrays.stream(paced).flatMap(Arrays::stream).forEach(p -> clientCpu.add(p.clientCores()));
    }

    /** The rates, in requests a second, that the paced runs send at. */
    private static final int[] PACES = {250, 500};

    private static String pacedFloor(int pace) {
        return "durable baseline, " + PACES[pace] + " a second, insights paused";
    }

    private static String pacedStarts(int pace) {
        return "SESSION_STARTED, " + PACES[pace] + " a second, insights paused";
    }

    /** Paced runs follow runs of the same requests: the services are warm, the pace needs a few seconds to settle. */
    private static final Duration PACED_WARMUP = Duration.ofSeconds(5);

    /**
     * session-service's CPU per event for the floor of {@code what}: the paced floor for the paced run, the mean of the
     * two runs in the pause for the paused one, the run with insights for the rest.
     */
    private static double floorCpu(Map<String, Map<String, Double>> costs, String what) {
        for (int i = 0; i < PACES.length; i++) {
            if (what.equals(pacedStarts(i))) {
                return costs.get(pacedFloor(i)).get("session-service");
            }
        }
        return what.endsWith("paused") ? (costs.get("durable baseline, insights paused, before").get("session-service")
                + costs.get("durable baseline, insights paused, after").get("session-service")) / 2
                : costs.get("durable baseline").get("session-service");
    }


    private void batches(SharedStack.Info stack) throws Exception {
        step("500-event batches against Kafka's own producer (acks=all, same record size) on the same broker");
        String url = system.sessions.url();
        Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
        Load durable = closedLoop(4, i -> post(url + "/v1/bench/durable", tokenFor("bench-batch-" + i), json(batch(100))), 202,
                "durable baseline", costs);
        Load batches = closedLoop(4, i -> post(url + "/v1/events", tokenFor("bench-batch-" + i), json(batch(100))), 202,
                "ingest", costs);
        double eventsPerSecond = batches.perSecond() * 500;
        rows.add(new String[]{"500-event batches against the minimal durable baseline, 4 connections",
                rate(eventsPerSecond, "events/s") + " (p99 " + ms(batches.p(99)) + " per batch)",
                "durable baseline " + rate(durable.perSecond() * 500, "events/s") + " (p99 " + ms(durable.p(99)) + ")",
                ratio(batches.perSecond(), durable.perSecond()), "≥ 0.8×"});
        // What the store is asked per event, whatever the store: a few sessions of ~20 events each (realistic), and the
        // worst case, 500 new sessions in one batch. (The durable floor does one insert per event.)
        closedLoop(4, i -> post(url + "/v1/events", tokenFor("bench-batch-" + i), json(batch(25, 20))), 202,
                "ingest, 25 sessions of 20 events", costs);
        closedLoop(4, i -> post(url + "/v1/events", tokenFor("bench-batch-" + i), json(batch(500, 1))), 202,
                "ingest, 500 new sessions", costs);
        costs.forEach((what, c) -> rows.add(new String[]{"cost per event in 500-event batches: " + what,
                ProcessCosts.describe(c), "—", "—", "report"}));
        int recordSize = averageRecordSize();
        double rawPerSecond = rawProducer(stack, quick ? 200_000 : 1_000_000, recordSize);
        double rawInserts = rawBulkInsert(stack, quick ? 50_000 : 200_000);
        raw.put("batches", Map.of("requests", batches.summary(), "eventsPerSecond", eventsPerSecond,
                "durable", durable.summary(), "costsPerEvent", costs,
                "rawProducerPerSecond", rawPerSecond, "recordBytes", recordSize, "rawInsertsPerSecond", rawInserts));
        rows.add(new String[]{"500-event batches, 4 connections", rate(eventsPerSecond, "events/s") + " (p99 " + ms(batches.p(99)) + " per batch)",
                "raw unordered bulk insert " + rate(rawInserts, "docs/s"), ratio(eventsPerSecond, rawInserts), "≥ 0.5×"});
        rows.add(new String[]{"500-event batches, against Kafka alone", rate(eventsPerSecond, "events/s"),
                "raw producer " + rate(rawPerSecond, "records/s") + " (" + recordSize + " B)", ratio(eventsPerSecond, rawPerSecond),
                "the far goal"});
    }

    /** Lua: a new session's start per request, by one of {@code tokens} in turn. */
    private static String startsBy(List<String> tokens, String path) {
        String at = RFC_3339.format(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30).withNano(0));
        return Wrk.tokensTable(tokens) + Wrk.UUID_LUA + """
                local i = 0
                request = function()
                  i = i + 1
                  local body = '{"eventId":"' .. uuid() .. '","type":"SESSION_STARTED","sessionId":"' .. uuid() ..
                    '","occurredAt":"%s","routineId":"%s","zone":"UTC"}'
                  return wrk.format("POST", %s, {["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1],
                    ["Content-Type"] = "application/json"}, body)
                end
                """.formatted(at, ROUTINE, Wrk.lua(path));
    }

    /**
     * One person floods POST /v1/events from 16 connections as fast as they are answered while 200
     * others post from 4: their p99 against their p99 without the flood, with the service's default
     * budget (20 a second, bursts of 100); and what a 429 costs against the trivial POST.
     */
    private void noisyNeighbour() throws Exception {
        step("noisy neighbour: one person floods POST /v1/events (16 connections) while others post (4 connections)");
        String url = system.sessions.url();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            others.add(tokenFor("bench-neighbour-" + i));
        }
        String flooder = tokenFor("bench-flooder");
        Wrk.Result quiet = Wrk.run(url + "/v1/events", 4, warmup, measure, startsBy(others, "/v1/events"));
        // The flood runs through the others' warm-up and measurement, and a little longer.
        ExecutorService flood = Executors.newSingleThreadExecutor();
        Future<Wrk.Result> flooding = flood.submit(() -> Wrk.run(url + "/v1/events", 16, Duration.ZERO,
                warmup.plus(measure).plusSeconds(3), startsBy(List.of(flooder), "/v1/events")));
        Thread.sleep(1000);
        Wrk.Result crowded = Wrk.run(url + "/v1/events", 4, warmup, measure, startsBy(others, "/v1/events"));
        Wrk.Result flooded = flooding.get();
        flood.shutdown();
        // What a refusal costs against the trivial POST, each alone at 16 connections for the same person, on an
        // instance that answers refusals at once (the service above holds each one until the budget allows the next,
        // which paces a flood instead of measuring how cheap a refusal is).
        Wrk.Result refusals;
        Wrk.Result noop;
        try (ServiceProcess undelayed = ServiceProcess.start("session-service", Map.of("sukha.bench.endpoints", "true",
                "sukha.fair-use.refusal-delay-max", "0s"))) {
            String at = undelayed.url();
            List<Wrk.Result> r = new ArrayList<>();
            List<Wrk.Result> n = new ArrayList<>();
            // There and back, so that neither runs on colder code than the other.
            for (int pass = 0; pass < 2; pass++) {
                n.add(Wrk.run(at + "/v1/bench/noop", 16, warmup, measure, startsBy(List.of(flooder), "/v1/bench/noop")));
                r.add(Wrk.run(at + "/v1/events", 16, warmup, measure, startsBy(List.of(flooder), "/v1/events")));
            }
            refusals = Wrk.Result.combined(r);
            noop = Wrk.Result.combined(n);
        }
        raw.put("noisyNeighbour", Map.of("othersAlone", quiet.summary(), "othersWithFlood", crowded.summary(),
                "flood", flooded.summary(), "refusalsAlone", refusals.summary(), "trivialPost", noop.summary()));
        rows.add(new String[]{"noisy neighbour: others' single starts (4 connections, 200 people) while one person floods with 16",
                crowded.describe() + "; flooder " + String.format(Locale.ROOT, "%,.0f answers/s, %d of %d refused (429)",
                        flooded.answeredPerSecond(), flooded.errors(), flooded.requests()),
                "the same without the flood: " + quiet.describe(),
                String.format(Locale.ROOT, "p99 %.2f×, others refused: %d", crowded.p99Ms() / quiet.p99Ms(), crowded.errors()),
                "p99 ≤ 2×, none of theirs refused"});
        rows.add(new String[]{"a 429 (past the budget), 16 connections", String.format(Locale.ROOT, "%,.0f answers/s, p99 %.1f ms",
                refusals.answeredPerSecond(), refusals.p99Ms()), "trivial POST " + noop.describe(),
                ratio(refusals.answeredPerSecond(), noop.perSecond()), "≥ 0.8×"});
        clientCpu.add(quiet.clientCores());
        clientCpu.add(crowded.clientCores() + flooded.clientCores());
        clientCpu.add(refusals.clientCores());
    }

    /**
     * A flood of requests whose tokens do not verify (signed by a key nobody trusts, each one different), all from
     * one address, against the trivial GET with good tokens on the same instance: past the address's budget each is
     * refused (429) before its signature is looked at. Beside it, the same flood on an instance without the budget,
     * where each costs an RSA verification and a 401.
     */
    private void invalidTokens() throws Exception {
        step("requests with invalid tokens from one address (wrk, 64 connections), against a trivial GET with good ones");
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            good.add(tokenFor("bench-good-" + i));
        }
        Path strangerKeys = Files.createTempDirectory("bench-stranger-keys");
        dev.sukha.stack.JwtKeys stranger = dev.sukha.stack.JwtKeys.loadOrCreate(strangerKeys);
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            forged.add(stranger.token("bench-forger-" + i, List.of(), Duration.ofHours(1)));
        }
        String insights = system.insights.url();
        List<Wrk.Result> trivial = new ArrayList<>();
        List<Wrk.Result> refused = new ArrayList<>();
        Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
        // There and back, so that neither runs on colder code than the other; the second pass is costed.
        for (int pass = 0; pass < 2; pass++) {
            Map<String, Map<String, Double>> into = pass == 1 ? costs : new LinkedHashMap<>();
            trivial.add(costed("trivial GET, good tokens", into, 1, before -> Wrk.run(insights + "/v1/bench/noop", 64,
                    warmup, measure, Wrk.get("/v1/bench/noop", good), before)));
            refused.add(costed("invalid token refused (429)", into, 1, before -> Wrk.run(insights + "/v1/bench/noop", 64,
                    warmup, measure, Wrk.get("/v1/bench/noop", forged), before)));
        }
        Wrk.Result t = Wrk.Result.combined(trivial);
        Wrk.Result r = Wrk.Result.combined(refused);
        // Without the budget every invalid token is verified and refused (401): what the budget saves.
        Wrk.Result verified;
        // Groups of its own from the topics' ends: it takes no partitions from the instance above and reads no backlog.
        Map<String, String> unguardedSettings = new HashMap<>(Map.of("sukha.bench.endpoints", "true",
                "sukha.verified-tokens.failures-per-second", "0"));
        for (String channel : List.of("practice-events-in", "routines-in", "access-records-in")) {
            unguardedSettings.put("mp.messaging.incoming." + channel + ".group.id", "bench-unguarded-" + channel);
            unguardedSettings.put("mp.messaging.incoming." + channel + ".auto.offset.reset", "latest");
        }
        try (ServiceProcess unguarded = ServiceProcess.start("insights-service", unguardedSettings)) {
            Wrk.run(unguarded.url() + "/v1/bench/noop", 64, warmup, measure, Wrk.get("/v1/bench/noop", good));
            verified = Wrk.run(unguarded.url() + "/v1/bench/noop", 64, warmup, measure, Wrk.get("/v1/bench/noop", forged));
        }
        raw.put("invalidTokens", Map.of("trivial", t.summary(), "refused", r.summary(), "verifiedWithoutBudget", verified.summary()));
        rows.add(new String[]{"requests with invalid tokens from one address, refused before verification (429), 64 connections",
                String.format(Locale.ROOT, "%,.0f answers/s, p99 %.1f ms, %,d requests", r.answeredPerSecond(), r.p99Ms(), r.requests()),
                "trivial GET " + t.describe(), ratio(r.answeredPerSecond(), t.perSecond())
                + String.format(Locale.ROOT, " (each verified, without the budget: %,.0f answers/s, %s)", verified.answeredPerSecond(),
                        ratio(verified.answeredPerSecond(), t.perSecond())), "≥ 0.8×"});
        costs.forEach((what, cost) -> rows.add(new String[]{"cost per answer: " + what, ProcessCosts.describe(cost)
                .replace(" per event", " per answer"), "—", "—", "report"}));
        clientCpu.add(r.clientCores());
    }

    /**
     * Weekly progress polled with its ETag (answered 304) against the full read and the trivial GET,
     * for 200 people who practised, each request with its own token and tag.
     */
    private void conditionalReads() throws Exception {
        step("GET weekly progress with If-None-Match (304) against the full GET and a trivial GET (wrk, 64 connections)");
        String sessions = system.sessions.url();
        String insights = system.insights.url();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String token = tokenFor("bench-etag-" + i);
            tokens.add(token);
            UUID session = UUID.randomUUID();
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(40).withNano(0);
            send(post(sessions + "/v1/events", token, json(List.of(startOf(session, at), end(session, at.plusMinutes(8))))));
        }
        // Each person's current tag, once their session shows (a tag read before it would be stale at once).
        tagsOf(insights, tokens);
        List<Wrk.Result> trivial = new ArrayList<>();
        List<Wrk.Result> full = new ArrayList<>();
        List<Wrk.Result> notModified = new ArrayList<>();
        // There and back, so that none runs on colder code than the others.
        // The second pass also reads what each answer cost each process, the store's threads apart.
        Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            Map<String, Map<String, Double>> into = pass == 1 ? costs : new LinkedHashMap<>();
            trivial.add(costed("trivial GET", into, 1, before -> Wrk.run(insights + "/v1/bench/noop", 64, warmup, measure,
                    Wrk.get("/v1/bench/noop", tokens), before)));
            full.add(costed("full GET", into, 1, before -> Wrk.run(insights + "/v1/me/progress/weekly?zone=UTC", 64, warmup, measure,
                    Wrk.get("/v1/me/progress/weekly?zone=UTC", tokens), before)));
            // A week's tag moves on every quarter hour (midnight falls on one in every zone): a client then reads
            // the week again. The 304s are measured within one quarter, with the tags of that quarter.
            String lua = notModifiedScript("/v1/me/progress/weekly?zone=UTC", tokens, tagsWithinOneQuarter(insights, tokens));
            notModified.add(costed("304", into, 1, before -> Wrk.run(insights + "/v1/me/progress/weekly?zone=UTC", 64, warmup,
                    measure, lua, before)));
        }
        Wrk.Result t = Wrk.Result.combined(trivial);
        Wrk.Result f = Wrk.Result.combined(full);
        Wrk.Result c = Wrk.Result.combined(notModified);
        // The script counts the 304s: their share says the tags held (a 200 would not be one).
        raw.put("conditionalReads", Map.of("trivial", t.summary(), "full", f.summary(), "notModified", c.summary()));
        rows.add(new String[]{"GET weekly progress with its ETag (304), 64 connections", String.format(Locale.ROOT,
                "%,.0f answers/s (%.1f%% of them 304), p99 %.1f ms; the full GET %,.0f req/s, p99 %.1f ms", c.answeredPerSecond(),
                100.0 * c.counted() / Math.max(1, c.requests()), c.p99Ms(), f.perSecond(), f.p99Ms()), "trivial GET " + t.describe(), ratio(c.answeredPerSecond(), t.perSecond())
                + " (full GET " + ratio(f.perSecond(), t.perSecond()) + ")", "≥ 0.8×"});
        costs.forEach((what, cost) -> rows.add(new String[]{"cost per answer: " + what, ProcessCosts.describe(cost)
                .replace(" per event", " per answer"), "—", "—", "report"}));
        clientCpu.add(c.clientCores());
    }

    /** Each person's tag of their week now, once their session shows. */
    private List<String> tagsOf(String insights, List<String> tokens) throws InterruptedException {
        List<String> tags = new ArrayList<>();
        for (String token : tokens) {
            for (int tries = 0; ; tries++) {
                HttpResponse<String> r = send(get(insights + "/v1/me/progress/weekly?zone=UTC", token));
                if (r != null && r.body().contains("\"completed\":1")) {
                    tags.add(r.headers().firstValue("ETag").orElseThrow());
                    break;
                }
                if (tries > 400) {
                    throw new IllegalStateException("a session did not show: " + (r == null ? "no answer" : r.body()));
                }
                Thread.sleep(25);
            }
        }
        return tags;
    }

    /** The tags, read at the start of a quarter hour that leaves room for a warm-up and a measurement. */
    private List<String> tagsWithinOneQuarter(String insights, List<String> tokens) throws InterruptedException {
        long quarter = 15 * 60_000L;
        long needed = warmup.plus(measure).plusSeconds(15).toMillis();
        long left = quarter - System.currentTimeMillis() % quarter;
        if (left < needed) {
            Thread.sleep(left + 1000);
        }
        return tagsOf(insights, tokens);
    }

    private static String notModifiedScript(String path, List<String> tokens, List<String> tags) {
        StringBuilder lua = new StringBuilder(Wrk.tokensTable(tokens)).append("local tags = {");
        tags.forEach(t -> lua.append(Wrk.lua(t)).append(","));
        return lua.append("""
                }
                local i = 0
                request = function()
                  i = i + 1
                  local k = (i % #tokens) + 1
                  return wrk.format("GET", "PATH", {["Authorization"] = "Bearer " .. tokens[k],
                    ["If-None-Match"] = tags[k]})
                end
                """.replace("PATH", path)).append(Wrk.COUNTING.formatted(304)).toString();
    }

    /**
     * The stream of changes: from a 202 to the change arriving on the person's stream, under 1,000
     * events/s of other posts; and what 1,000 open streams cost the instance holding them.
     */
    private void changeStreams() throws Exception {
        int probes = quick ? 40 : 200;
        step("POST 202 → the change on the person's stream, " + probes + " probes under 1,000 events/s; 1,000 open streams");
        String sessions = system.sessions.url();
        String insights = system.insights.url();
        HttpClient streaming = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] latencies = new long[probes];
        double loadRate;
        try (BackgroundLoad load = new BackgroundLoad()) {
            for (int i = 0; i < probes; i++) {
                String token = SharedStack.token("bench-stream-" + UUID.randomUUID());
                java.util.concurrent.LinkedBlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
                HttpResponse<java.util.stream.Stream<String>> stream = streaming.send(get(insights + "/v1/me/changes", token),
                        HttpResponse.BodyHandlers.ofLines());
                Thread reader = new Thread(() -> {
                    try {
                        stream.body().forEach(line -> {
                            if (line.startsWith("event:")) {
                                heard.add(System.nanoTime());
                            }
                        });
                    } catch (java.io.UncheckedIOException closed) {
                        // The probe closed its stream: this reader's work is done.
                    }
                });
                reader.setDaemon(true);
                reader.start();
                heard.poll(10, TimeUnit.SECONDS); // the stream's first event: it is open
                UUID session = UUID.randomUUID();
                OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).withNano(0);
                HttpResponse<String> accepted = send(post(sessions + "/v1/events", token, json(List.of(startOf(session, at),
                        end(session, at.plusMinutes(8))))));
                long t0 = System.nanoTime();
                if (accepted == null || accepted.statusCode() != 202) {
                    throw new IllegalStateException("probe not accepted: " + (accepted == null ? "no answer" : accepted.body()));
                }
                Long at202 = heard.poll(10, TimeUnit.SECONDS);
                latencies[i] = (at202 == null ? System.nanoTime() : at202) - t0;
                stream.body().close();
            }
            loadRate = load.eventsPerSecond();
        }
        Arrays.sort(latencies);

        // 1,000 streams held open for 30 s (heartbeats every 15 s): the instance's memory and CPU.
        int n = 1000;
        long rssBefore = system.insights.rssMb();
        long cpuBefore = ProcessCosts.ticks(system.insights.pid());
        List<HttpResponse<java.util.stream.Stream<String>>> open = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(streaming.sendAsync(get(insights + "/v1/me/changes", tokenFor("bench-streams-" + i)),
                    HttpResponse.BodyHandlers.ofLines()));
        }
        for (var f : opening) {
            open.add(f.get(60, TimeUnit.SECONDS));
        }
        long opened = open.stream().filter(r -> r.statusCode() == 200).count();
        long t0 = System.nanoTime();
        long cpuOpen = ProcessCosts.ticks(system.insights.pid());
        Thread.sleep(30_000);
        double heldCores = (ProcessCosts.ticks(system.insights.pid()) - cpuOpen) / 100.0 / ((System.nanoTime() - t0) / 1e9);
        long rssHeld = system.insights.rssMb();
        double openingCpuMs = (cpuOpen - cpuBefore) * 10.0 / n;
        open.forEach(r -> r.body().close());
        raw.put("changeStreams", Map.of("probes", probes, "p50Ms", pct(latencies, 50) / 1e6, "p99Ms", pct(latencies, 99) / 1e6,
                "backgroundEventsPerSecond", loadRate, "streamsOpened", opened, "rssBeforeMb", rssBefore, "rssHeldMb", rssHeld,
                "heldCores", heldCores, "openingCpuMsPerStream", openingCpuMs));
        rows.add(new String[]{"POST 202 → the change on the person's stream", "p50 " + ms(pct(latencies, 50)) + ", p99 "
                + ms(pct(latencies, 99)), "under " + rate(loadRate, "events/s") + " of other posts", "—", "p99 ≤ 250 ms"});
        rows.add(new String[]{"1,000 open streams of changes (30 s, heartbeats)", String.format(Locale.ROOT,
                "%d open; insights RSS %d → %d MB; %.3f cores held, %.1f ms CPU to open one", opened, rssBefore, rssHeld,
                heldCores, openingCpuMs), "—", "—", "report"});
    }

    /** Days of daily practice per person, by how the row names them. */
    private static final Map<String, Integer> HISTORIES = new LinkedHashMap<>(Map.of());

    static {
        HISTORIES.put("6 weeks", 42);
        HISTORIES.put("1 year", 365);
        HISTORIES.put("3 years", 3 * 365);
        HISTORIES.put("10 years", 10 * 365);
    }

    private void historyReads(SharedStack.Info stack) throws Exception {
        step("GETs for people with 6 weeks, 1, 3 and 10 years of daily practice (wrk, 64 connections), against a trivial GET");
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> tokens = new LinkedHashMap<>();
        long events = 0;
        try (KafkaProducer<String, String> producer = producer(stack)) {
            for (var h : HISTORIES.entrySet()) {
                String user = "bench-history-" + h.getValue() + "d-" + run;
                tokens.put(h.getKey(), tokenFor(user));
                events += dailyHistory(producer, user, h.getValue());
            }
            producer.flush();
        }
        Instant t0 = Instant.now();
        for (var h : HISTORIES.entrySet()) {
            while (true) {
                HttpResponse<String> r = send(get(system.insights.url() + "/v1/me/streak?zone=UTC", tokens.get(h.getKey())));
                if (r != null && r.statusCode() == 200 && JSON.readTree(r.body()).path("longest").asInt() == h.getValue()) {
                    break;
                }
                if (Duration.between(t0, Instant.now()).toMinutes() >= 5) {
                    throw new IllegalStateException("insights did not take in the histories: " + (r == null ? "" : r.body()));
                }
                Thread.sleep(200);
            }
        }
        System.out.printf("  %,d events of history loaded onto the topic and taken in within %d ms%n", events,
                Duration.between(t0, Instant.now()).toMillis());
        String url = system.insights.url();
        // Each person answers the intake and follows the upper back programme since six weeks ago: today's session
        // then walks six weeks of sessions whatever the length of the history.
        for (String token : tokens.values()) {
            follow(url, token);
        }
        Duration shortWarmup = Duration.ofSeconds(1);
        Duration shortMeasure = Duration.ofSeconds(quick ? 4 : 10);
        Wrk.Result noop = Wrk.run(url + "/v1/bench/noop", 64, warmup, measure, Wrk.get("/v1/bench/noop", List.copyOf(tokens.values())));
        clientCpu.add(noop.clientCores());
        Map<String, Object> rawReads = new LinkedHashMap<>();
        rawReads.put("noop", noop.summary());
        rawReads.put("historyDays", HISTORIES);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("weekly progress", "/v1/me/progress/weekly");
        endpoints.put("pain trend (8 weeks)", "/v1/me/pain-trend");
        endpoints.put("streak", "/v1/me/streak");
        endpoints.put("relief per routine", "/v1/me/routines/relief");
        endpoints.put("today's session", "/v1/me/next?zone=UTC");
        for (var endpoint : endpoints.entrySet()) {
            // Warm the endpoint up on every history at once, so that no history is measured on colder code.
            Wrk.run(url + endpoint.getValue(), 64, Duration.ZERO, warmup.multipliedBy(2),
                    Wrk.get(endpoint.getValue(), List.copyOf(tokens.values())));
            // Each history twice, 6 weeks to 10 years and back, averaged: in one pass, whichever came
            // first ran on less warm code (weekly progress rose along the order whatever the history,
            // even after the warm-up above), so the first history also gets a run of its own, not counted.
            List<String> there = new ArrayList<>(HISTORIES.keySet());
            Wrk.run(url + endpoint.getValue(), 64, Duration.ZERO, shortMeasure, Wrk.get(endpoint.getValue(), List.of(tokens.get(there.get(0)))));
            List<String> andBack = new ArrayList<>(there);
            Collections.reverse(andBack);
            Map<String, List<Wrk.Result>> passes = new LinkedHashMap<>();
            // What opening the sealed projection cost each read: values opened, and the time, from insights' counters
            // around each pass (warm-up requests included in both, so per request it is a fair average).
            Map<String, double[]> opening = new LinkedHashMap<>();
            for (String h : java.util.stream.Stream.concat(there.stream(), andBack.stream()).toList()) {
                double[] before = opened(system.insights);
                Wrk.Result r = Wrk.run(url + endpoint.getValue(), 64, shortWarmup, shortMeasure,
                        Wrk.get(endpoint.getValue(), List.of(tokens.get(h))));
                double[] after = opened(system.insights);
                clientCpu.add(r.clientCores());
                passes.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
                double[] o = opening.computeIfAbsent(h, k -> new double[3]);
                o[0] += after[0] - before[0];
                o[1] += after[1] - before[1];
                o[2] += after[2] - before[2];
            }
            StringBuilder openingCost = new StringBuilder();
            Map<String, Object> rawOpening = new LinkedHashMap<>();
            for (String h : there) {
                double[] o = opening.get(h);
                double reads = Math.max(1, o[2]);
                rawOpening.put(h, Map.of("valuesPerRead", o[0] / reads, "microsPerRead", o[1] * 1e6 / reads));
                openingCost.append(openingCost.isEmpty() ? "" : " · ").append(h).append(": ")
                        .append(String.format(Locale.ROOT, "%.1f values, %.1f µs", o[0] / reads, o[1] * 1e6 / reads));
            }
            rawReads.put(endpoint.getKey() + " opening", rawOpening);
            Map<String, Object> perHistory = new LinkedHashMap<>();
            StringBuilder measured = new StringBuilder();
            Wrk.Result first = null;
            Wrk.Result last = null;
            for (String h : there) {
                Wrk.Result r = Wrk.Result.combined(passes.get(h));
                perHistory.put(h, Map.of("combined", r.summary(), "passes", passes.get(h).stream().map(Wrk.Result::summary).toList()));
                first = first == null ? r : first;
                last = r;
                measured.append(measured.isEmpty() ? "" : " · ").append(h).append(": ")
                        .append(rate(r.perSecond(), "req/s")).append(" (").append(ratio(r.perSecond(), noop.perSecond()))
                        .append(", p99 ").append(String.format(Locale.ROOT, "%.1f ms", r.p99Ms())).append(")");
            }
            rawReads.put(endpoint.getKey(), perHistory);
            rows.add(new String[]{"GET " + endpoint.getKey() + ", by length of history", measured.toString(),
                    "trivial GET " + noop.describe(), "10 years / 6 weeks: " + ratio(last.perSecond(), first.perSecond()),
                    endpoint.getKey().equals("weekly progress") ? "10y ≥ 0.8× 6w; 6w ≥ 0.5× trivial" : "10y ≥ 0.8× 6w"});
            rows.add(new String[]{"opening the sealed projection per GET " + endpoint.getKey(), openingCost.toString(), "—", "—", "report"});
        }
        // Today's session with its ETag: the 304 each history's person gets while nothing changed.
        List<String> people = List.copyOf(tokens.values());
        List<String> tags = new ArrayList<>();
        for (String token : people) {
            tags.add(send(get(url + "/v1/me/next?zone=UTC", token)).headers().firstValue("ETag").orElseThrow());
        }
        Wrk.Result next304 = Wrk.run(url + "/v1/me/next?zone=UTC", 64, warmup, measure, notModifiedScript("/v1/me/next?zone=UTC", people, tags));
        clientCpu.add(next304.clientCores());
        rawReads.put("today's session 304", next304.summary());
        rows.add(new String[]{"GET today's session with its ETag (304), 6 weeks to 10 years", String.format(Locale.ROOT,
                "%,.0f answers/s (%.1f%% of them 304), p99 %.1f ms", next304.answeredPerSecond(),
                100.0 * next304.counted() / Math.max(1, next304.requests()), next304.p99Ms()), "trivial GET " + noop.describe(),
                ratio(next304.answeredPerSecond(), noop.perSecond()), "≥ 0.8×"});
        raw.put("historyReads", rawReads);
    }

    /** The intake (upper back, nothing in the safety questions) and the upper back programme since 42 days ago. */
    private void follow(String insights, String token) throws Exception {
        String intake = json(Map.of("areas", List.of("upper_back"), "pain", Map.of("upper_back", 5), "duration", "WEEKS_6_TO_12",
                "spaces", List.of("mat", "chair"), "minutesPerDay", 30, "daysPerWeek", 5, "redFlags", List.of()));
        String choice = json(Map.of("programmeId", "upper-back", "startedOn", LocalDate.now(ZoneOffset.UTC).minusDays(42).toString()));
        for (String[] call : List.of(new String[]{"/v1/me/intake?zone=UTC", intake}, new String[]{"/v1/me/programme?zone=UTC", choice})) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(insights + call[0])).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(call[1])).build());
            if (r == null || r.statusCode() != 200) {
                throw new IllegalStateException(call[0] + ": " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
            }
        }
    }

    /** {@code days} of daily practice of upper-back-release (9 poses, pain before and after), ending today. */
    private static long dailyHistory(KafkaProducer<String, String> producer, String user, int days) {
        java.util.Random r = new java.util.Random(days);
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).withHour(0).withMinute(30).withSecond(0).withNano(0);
        long n = 0;
        for (int d = days - 1; d >= 0; d--) {
            String session = UUID.randomUUID().toString();
            OffsetDateTime at = today.minusDays(d);
            int before = 4 + r.nextInt(5);
            producer.send(new ProducerRecord<>("practice-events", user, record(user, session, at, "SESSION_STARTED", at, null,
                    Map.of("upper_back", before, "neck", before - 1))));
            for (int step = 0; step < 9; step++) {
                producer.send(new ProducerRecord<>("practice-events", user,
                        record(user, session, at, "POSE_COMPLETED", at.plusMinutes(step + 1), step, null)));
            }
            producer.send(new ProducerRecord<>("practice-events", user, record(user, session, at, "SESSION_COMPLETED",
                    at.plusMinutes(12), null, Map.of("upper_back", before - 2 - r.nextInt(2), "neck", before - 2))));
            n += 11;
        }
        return n;
    }

    /** Other people's posts at 1,000 events a second, in the background, until closed; its rate as measured. */
    private final class BackgroundLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong posted = new AtomicLong();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final long start = System.nanoTime();

        BackgroundLoad() {
            String url = system.sessions.url();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                pool.submit(() -> {
                    long next = System.nanoTime();
                    int n = 0;
                    while (running.get()) {
                        // 50 events every 100 ms per thread: 1,000 events/s in all.
                        HttpResponse<String> r = send(post(url + "/v1/events", tokenFor("bench-load-" + thread + "-" + (n++ % 50)), json(batch(10))));
                        if (r != null && r.statusCode() == 202) {
                            posted.addAndGet(50);
                        }
                        next += 100_000_000L;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        }
                    }
                    return null;
                });
            }
        }

        double eventsPerSecond() {
            return posted.get() / ((System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void visibility() throws Exception {
        int probes = quick ? 40 : 200;
        step("POST 202 → visible in /v1/me/streak, " + probes + " probes under 1,000 events/s of other traffic");
        String url = system.sessions.url();
        BackgroundLoad load = new BackgroundLoad();
        long[] latencies = new long[probes];
        for (int i = 0; i < probes; i++) {
            String user = "bench-probe-" + UUID.randomUUID();
            String token = SharedStack.token(user);
            UUID session = UUID.randomUUID();
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).withNano(0);
            HttpResponse<String> accepted = send(post(url + "/v1/events", token, json(List.of(startOf(session, at), end(session, at.plusMinutes(8))))));
            long t0 = System.nanoTime();
            if (accepted == null || accepted.statusCode() != 202) {
                throw new IllegalStateException("probe not accepted: " + (accepted == null ? "no answer" : accepted.body()));
            }
            while (true) {
                HttpResponse<String> streak = send(get(system.insights.url() + "/v1/me/streak?zone=UTC", token));
                if (streak != null && streak.body().contains("\"current\":1")) {
                    latencies[i] = System.nanoTime() - t0;
                    break;
                }
                if (System.nanoTime() - t0 > 10_000_000_000L) {
                    latencies[i] = System.nanoTime() - t0;
                    break;
                }
                Thread.sleep(5);
            }
            sampleRss();
        }
        double loadRate = load.eventsPerSecond();
        load.close();
        Arrays.sort(latencies);
        raw.put("visibility", Map.of("probes", probes, "p50Ms", pct(latencies, 50) / 1e6, "p99Ms", pct(latencies, 99) / 1e6,
                "backgroundEventsPerSecond", loadRate));
        rows.add(new String[]{"POST 202 → visible in /v1/me/streak", "p50 " + ms(pct(latencies, 50)) + ", p99 " + ms(pct(latencies, 99)),
                "under " + rate(loadRate, "events/s") + " of other posts", "—", "p99 ≤ 250 ms"});
    }

    private void catchUp(SharedStack.Info stack) throws Exception {
        int n = quick ? 100_000 : 1_000_000;
        step("insights catch-up of " + String.format(Locale.ROOT, "%,d", n) + " events, sealed and (as before sealing) plain, against a "
                + "raw unordered bulk upsert of as many documents");
        // A first catch-up runs on a colder broker and store, whichever it is (measured: sealed first 0.78× of plain,
        // plain first 1.02×): one of 100,000 events warms them, and is not counted.
        catchUpOf(stack, 0, 100_000, false);
        double plain = catchUpOf(stack, 0, n, false);
        double sealed = catchUpOf(stack, 0, n, true);
        // The raw upsert runs in this warm JVM; the service's catch-up above starts cold (its JIT compiles for
        // much of it). Warm: the same service process first catches up an uncounted 200,000 sealed events.
        int warmUp = 200_000;
        double warm = catchUpOf(stack, warmUp, n, true);
        double docsPerSecond = rawBulkUpsert(stack, n);
        raw.put("catchUp", Map.of("events", n, "eventsPerSecond", sealed, "plainEventsPerSecond", plain,
                "warmEventsPerSecond", warm, "warmUpEvents", warmUp, "rawUpsertsPerSecond", docsPerSecond));
        rows.add(new String[]{"insights catch-up of " + String.format(Locale.ROOT, "%,d", n) + " sealed events", rate(sealed, "events/s"),
                "raw bulk upsert " + rate(docsPerSecond, "docs/s"), ratio(sealed, docsPerSecond), "≥ 1×"});
        rows.add(new String[]{"the same, warm (after an uncounted catch-up of " + String.format(Locale.ROOT, "%,d", warmUp)
                + " in the same process)", rate(warm, "events/s"), "raw bulk upsert " + rate(docsPerSecond, "docs/s"),
                ratio(warm, docsPerSecond), "≥ 1×"});
        rows.add(new String[]{"the same, plain records (before sealing)", rate(plain, "events/s"),
                "raw bulk upsert " + rate(docsPerSecond, "docs/s"), ratio(plain, docsPerSecond) + " (sealed: " + ratio(sealed, plain)
                + " of plain)", "sealed ≥ 0.9× plain"});
    }

    /**
     * Events per second a fresh insights-service applies from a topic of {@code n} events (sealed or
     * plain), counted after it has applied the first {@code warmUp} (0: from its start).
     */
    private double catchUpOf(SharedStack.Info stack, int warmUp, int n, boolean seal) throws Exception {
        int total = warmUp + n;
        String topic = "bench-catchup-" + (seal ? "sealed-" : "plain-") + System.currentTimeMillis();
        createTopic(stack, topic);
        try (KafkaProducer<String, String> producer = producer(stack);
             TestSealer sealer = TestSealer.forNewPeople(stack.mongoConnectionString(), stack.recordKeys())) {
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(50).withNano(0);
            for (int i = 0; i < total; i += 5) {
                String user = "catchup-" + topic + "-" + (i / 50);
                String session = UUID.randomUUID().toString();
                OffsetDateTime at = base.plusHours(i / 50 % 1000);
                for (int k = 0; k < 5; k++) {
                    String type = k == 0 ? "SESSION_STARTED" : k == 4 ? "SESSION_COMPLETED" : "POSE_COMPLETED";
                    String value = record(user, session, at, type, at.plusMinutes(k), k == 0 || k == 4 ? null : k - 1);
                    if (seal) {
                        value = sealer.seal(user, JSON.readTree(value).path("eventId").asText(), value);
                    }
                    producer.send(new ProducerRecord<>(topic, user, value));
                }
            }
            producer.flush();
        }
        String database = "bench-catchup-" + System.currentTimeMillis();
        try (ServiceProcess catchup = ServiceProcess.start("insights-service", Map.of(
                "mp.messaging.incoming.practice-events-in.topic", topic,
                "mp.messaging.incoming.practice-events-in.group.id", topic,
                "quarkus.mongodb.database", database))) {
            Instant started = Instant.now();
            Instant t0 = warmUp == 0 ? started : null;
            long appliedAtT0 = 0;
            long applied;
            while ((applied = applied(catchup)) < total) {
                if (Duration.between(started, Instant.now()).toMinutes() >= (quick ? 5 : 20)) {
                    throw new IllegalStateException("catch-up did not finish in time: " + applied + " of " + total);
                }
                if (t0 == null && applied >= warmUp) {
                    t0 = Instant.now();
                    appliedAtT0 = applied;
                }
                peakRss.merge("insights-service (catch-up)", catchup.rssMb(), Math::max);
                Thread.sleep(t0 == null ? 20 : 200);
            }
            if (t0 == null) {
                throw new IllegalStateException("the warm-up and the measured part were not told apart");
            }
            // Counted from the moment the warm-up was seen done: what was applied after it, in the time after it.
            double rate = (total - appliedAtT0) / (Duration.between(t0, Instant.now()).toMillis() / 1000.0);
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(catchup.managementUrl() + "/q/metrics")).GET().build());
            if (metrics != null) {
                // Where a catch-up's time went: the batches' writes, and (sealed records) reading the batches' keys.
                metrics.body().lines().filter(l -> l.startsWith("sukha_insights_keys_read_seconds_sum")
                                || l.startsWith("sukha_insights_keys_read_seconds_count")
                                || l.startsWith("sukha_insights_projection_write_seconds_sum")
                                || l.startsWith("sukha_insights_projection_write_seconds_count"))
                        .forEach(l -> System.out.println("  " + (seal ? "sealed " : "plain ") + l));
            }
            return rate;
        }
    }

    // ---- baselines ------------------------------------------------------------------

    private double rawProducer(SharedStack.Info stack, int records, int size) throws Exception {
        String topic = "bench-raw-" + System.currentTimeMillis();
        createTopic(stack, topic);
        String value = "x".repeat(size);
        try (KafkaProducer<String, String> producer = producer(stack)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "user-" + (i % 1000), value));
            }
            producer.flush();
            return records / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private double rawBulkUpsert(SharedStack.Info stack, int n) {
        try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
            MongoCollection<Document> c = client.getDatabase("bench-raw").getCollection("upserts-" + System.currentTimeMillis());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                List<WriteModel<Document>> writes = new ArrayList<>(1000);
                for (int k = i; k < Math.min(n, i + 1000); k++) {
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", "doc-" + k),
                            Updates.combine(Updates.set("user", "u-" + k / 50), Updates.set("n", k)), new UpdateOptions().upsert(true)));
                }
                c.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Inserts as many small documents as the batches recorded events, 1,000 a command, unordered. */
    private double rawBulkInsert(SharedStack.Info stack, int n) {
        try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
            MongoCollection<Document> c = client.getDatabase("bench-raw").getCollection("inserts-" + System.currentTimeMillis());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                List<Document> docs = new ArrayList<>(1000);
                for (int k = i; k < Math.min(n, i + 1000); k++) {
                    docs.add(new Document("_id", UUID.randomUUID().toString()).append("user", "u-" + k / 50).append("n", k));
                }
                c.insertMany(docs, new com.mongodb.client.model.InsertManyOptions().ordered(false));
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Creates a topic and waits until every partition has a leader, so the first sends are not retried. */
    private static void createTopic(SharedStack.Info stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
            Instant deadline = Instant.now().plusSeconds(30);
            while (true) {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + topic + " has no leaders after 30 s");
                }
                Thread.sleep(100);
            }
            // The broker's own metadata cache follows the controller a moment later.
            Thread.sleep(500);
        }
    }

    private static KafkaProducer<String, String> producer(SharedStack.Info stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    // ---- load generation ------------------------------------------------------------

    /** A closed loop: {@code connections} clients, each sending its next request when the last is answered. */
    private Load closedLoop(int connections, IntFunction<HttpRequest> request, int expected) throws Exception {
        return closedLoop(connections, request, expected, null, null);
    }

    /**
     * A closed loop whose measured window is costed: CPU per event of each process and store commands
     * per event (500 events a request), under {@code what} in {@code costs}. This JVM's figure includes
     * the loop's own HTTP client (4 connections).
     */
    private Load closedLoop(int connections, IntFunction<HttpRequest> request, int expected, String what,
                            Map<String, Map<String, Double>> costs) throws Exception {
        Map<String, Long> pids = ProcessCosts.processes(system);
        ProcessCosts.Snapshot[] window = new ProcessCosts.Snapshot[2];
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < connections; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest r = request.apply(client);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = send(r);
                    long t1 = System.nanoTime();
                    // Every answer that comes within the window counts (however early its request went): the work
                    // of the window is, on average, what completes in it. Counting only requests wholly inside it left
                    // out a batch per connection at each edge, which made slow batches look slower and costlier per
                    // event (found by the store's counts: 1.7 documents inserted per event where ingest writes 1.05).
                    if (t1 >= measureFrom && t1 <= end) {
                        if (response == null || response.statusCode() != expected) {
                            errors.incrementAndGet();
                        } else {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        while (System.nanoTime() < end) {
            sampleRss();
            if (what != null && window[0] == null && System.nanoTime() >= measureFrom) {
                window[0] = ProcessCosts.take(pids, system.sessions.managementUrl());
            }
            long until = window[0] == null && what != null ? measureFrom : end;
            Thread.sleep(Math.max(1, Math.min(500, (until - System.nanoTime()) / 1_000_000)));
        }
        if (what != null) {
            window[1] = ProcessCosts.take(pids, system.sessions.managementUrl());
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (what != null && window[0] != null) {
            costs.put(what, ProcessCosts.perEvent(window[0], window[1], merged.length * 500.0));
        }
        return new Load(merged.length / (measure.toNanos() / 1e9), merged, errors.get());
    }

    record Load(double perSecond, long[] latencies, long errors) {
        long p(int percentile) {
            return pct(latencies, percentile);
        }

        String describe() {
            return rate(perSecond, "req/s") + ", p50 " + ms(p(50)) + ", p99 " + ms(p(99)) + (errors > 0 ? ", " + errors + " errors" : "");
        }

        Map<String, Object> summary() {
            return Map.of("perSecond", perSecond, "requests", latencies.length, "errors", errors,
                    "p50Ms", p(50) / 1e6, "p90Ms", p(90) / 1e6, "p99Ms", p(99) / 1e6);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String tokenFor(String user) {
        return tokens.computeIfAbsent(user, u -> SharedStack.token(u));
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    // ---- events ---------------------------------------------------------------------

    private static Map<String, Object> startOf(UUID session, OffsetDateTime at) {
        Map<String, Object> e = event("SESSION_STARTED", session, at);
        e.put("routineId", ROUTINE);
        e.put("zone", "UTC");
        e.put("pain", Map.of("upper_back", 6, "neck", 4));
        return e;
    }

    private static Map<String, Object> end(UUID session, OffsetDateTime at) {
        Map<String, Object> e = event("SESSION_COMPLETED", session, at);
        e.put("pain", Map.of("upper_back", 3, "neck", 2));
        return e;
    }

    private static Map<String, Object> event(String type, UUID session, OffsetDateTime at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", session.toString());
        e.put("occurredAt", RFC_3339.format(at));
        return e;
    }

    /** {@code sessions} whole sessions of five events each: start, three poses, end. */
    private static List<Map<String, Object>> batch(int sessions) {
        return batch(sessions, 5);
    }

    /** {@code sessions} whole sessions of {@code perSession} events (start, poses, end); 1: starts alone. */
    private static List<Map<String, Object>> batch(int sessions, int perSession) {
        List<Map<String, Object>> events = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0);
        for (int s = 0; s < sessions; s++) {
            UUID session = UUID.randomUUID();
            events.add(startOf(session, at));
            for (int step = 0; step < perSession - 2; step++) {
                Map<String, Object> pose = event("POSE_COMPLETED", session, at.plusSeconds(20L * (step + 1)));
                pose.put("step", step % 3);
                events.add(pose);
            }
            if (perSession > 1) {
                events.add(end(session, at.plusMinutes(10)));
            }
        }
        return events;
    }

    private static String record(String user, String session, OffsetDateTime started, String type, OffsetDateTime at,
                                 Integer step) {
        return record(user, session, started, type, at, step, type.equals("SESSION_STARTED") ? Map.of("upper_back", 6)
                : type.equals("SESSION_COMPLETED") ? Map.of("upper_back", 3) : null);
    }

    /** A practice-events record as session-service writes it. */
    private static String record(String user, String session, OffsetDateTime started, String type, OffsetDateTime at,
                                 Integer step, Map<String, Integer> pain) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schemaVersion", 1);
        e.put("eventId", UUID.randomUUID().toString());
        e.put("userId", user);
        e.put("sessionId", session);
        e.put("type", type);
        e.put("occurredAt", RFC_3339.format(at));
        e.put("recordedAt", Instant.now().toString());
        e.put("sessionStartedAt", RFC_3339.format(started));
        e.put("routineId", ROUTINE);
        e.put("routineVersion", 1);
        e.put("stepCount", 9);
        e.put("zone", "UTC");
        if (step != null) {
            e.put("step", step);
        }
        if (pain != null) {
            e.put("pain", pain);
        }
        return json(e);
    }

    /** The mean size of a practice-events record, so the raw producer sends the same bytes. */
    private static int averageRecordSize() {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        String session = UUID.randomUUID().toString();
        int total = 0;
        String[] types = {"SESSION_STARTED", "POSE_COMPLETED", "POSE_COMPLETED", "POSE_COMPLETED", "SESSION_COMPLETED"};
        for (int i = 0; i < types.length; i++) {
            total += record("bench-user-00000000", session, at, types[i], at, i == 0 || i == 4 ? null : i - 1).length();
        }
        return total / types.length;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long applied(ServiceProcess p) {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(p.managementUrl() + "/q/metrics")).GET().build());
        if (metrics == null) {
            return 0;
        }
        return metrics.body().lines().filter(l -> l.startsWith("sukha_insights_events_applied_total"))
                .mapToLong(l -> (long) ProcessCosts.sampleValue(l)).sum();
    }

    /** insights' sealed values opened so far, the seconds it took, and the reads answered (its HTTP server's count). */
    private double[] opened(ServiceProcess p) {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(p.managementUrl() + "/q/metrics")).GET().build());
        double[] out = new double[3];
        if (metrics != null) {
            metrics.body().lines().forEach(l -> {
                if (l.startsWith("sukha_insights_sealed_values_opened_total")) {
                    out[0] += ProcessCosts.sampleValue(l);
                } else if (l.startsWith("sukha_insights_sealed_values_open_seconds_total")) {
                    out[1] += ProcessCosts.sampleValue(l);
                } else if (l.startsWith("http_server_requests_seconds_count") && l.contains("uri=\"/v1/me/")) {
                    out[2] += ProcessCosts.sampleValue(l);
                }
            });
        }
        return out;
    }

    private void sampleRss() {
        for (ServiceProcess p : system.all()) {
            peakRss.merge(p.name, p.rssMb(), Math::max);
        }
    }

    // ---- report ---------------------------------------------------------------------

    private void report() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Sukha benchmark").append(quick ? " (quick)" : "").append("\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append("; warm-up ")
                .append(warmup.toSeconds()).append(" s, measured ").append(measure.toSeconds()).append(" s per load.\n\n")
                .append("| scenario | measured | baseline (same run) | ratio | goal |\n| --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        Path dir = Path.of(System.getProperty("sukha.repo.root", "."), "target", "bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), md);
        Files.writeString(dir.resolve("results.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(raw));
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + dir.resolve("results.md") + " (raw data: results.json)");
    }

    private static void step(String what) {
        System.out.printf("▶ %s ...%n", what);
        System.out.flush();
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String rate(double v, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", v, unit);
    }

    static String ratio(double measured, double baseline) {
        return baseline <= 0 ? "—" : String.format(Locale.ROOT, "%.2f×", measured / baseline);
    }
}
