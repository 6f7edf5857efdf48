package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.stack.SharedStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bodies against every POST and PUT of the three services: valid shapes with wrong
 * values, broken JSON, huge and deeply nested documents, odd Unicode, wrong content types.
 * No answer may be a 5xx, and every refusal is {@code application/problem+json} with its
 * status and a title. Seeded: a failure prints the seed and the body that caused it.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = Long.getLong("sukha.fuzz.seed", 20261125L);
    private static final int BODIES = Integer.getInteger("sukha.fuzz.bodies", 10_400);
    private static final List<String> STRINGS = List.of("", " ", "null", "0", "-1", "SESSION_STARTED", "Europe/Paris",
            "Mars/Olympus", "upper-back-quick", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
            "\u0000", "\uFEFF", "\u202Eevil", "\u200B", "e\u0301", "🧘‍♀️🧘🏽", "\uD800", "日本語のテキスト", "مرحبا",
            "2026-02-30T25:61:00Z", "2026-11-25T08:00:00", "1e400", "NaN", "{\"$gt\": \"\"}", "$where");

    /** Where bodies go, as whom ({@code token} gives the next caller's token). */
    record Target(String name, String method, String path, Supplier<String> token, Supplier<JsonNode> valid) {
    }

    /** Callers in turn: the fuzzing is spread over many people, as real traffic is, so none of them is past their budget. */
    private static Supplier<String> people(String prefix, int count, String... roles) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(SharedStack.token(prefix + "-" + i, roles));
        }
        AtomicInteger next = new AtomicInteger();
        return () -> tokens.get(Math.floorMod(next.getAndIncrement(), count));
    }

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void noBodyGetsA5xxAndEveryRefusalIsAProblem() throws Exception {
        RunningSystem system = RunningSystem.get();
        Supplier<String> user = people("fuzz-" + UUID.randomUUID(), 200);
        Supplier<String> editor = people("fuzz-editor", 50, "editor");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<Target> targets = List.of(
                new Target("session POST /v1/events", "POST", system.sessions.url() + "/v1/events", user,
                        () -> event(now)),
                new Target("routine POST /v1/routines", "POST", system.routines.url() + "/v1/routines", editor,
                        FuzzIT::draft),
                new Target("routine POST /v1/routines/{id}/publish", "POST", system.routines.url() + "/v1/routines/%s/publish",
                        editor, () -> NODES.objectNode()),
                new Target("insights PUT /v1/me/goal", "PUT", system.insights.url() + "/v1/me/goal", user,
                        () -> NODES.objectNode().put("days", 4)));
        int[] weights = {5, 3, 1, 2};

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        int perThread = BODIES / 4;
        for (int t = 0; t < 4; t++) {
            long seed = SEED + t;
            work.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < perThread; i++) {
                    Target target = pick(targets, weights, random);
                    send(http, target, body(target, random), random);
                    if (i % 1000 == 999) {
                        System.out.printf("fuzz: thread %d, %d bodies%n", seed - SEED, i + 1);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        int total = outcomes.entrySet().stream().filter(e -> !e.getKey().startsWith("("))
                .mapToInt(e -> e.getValue().get()).sum();
        Map<String, Integer> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.get()));
        String summary = String.format("%d bodies (seed %d): %s", total, SEED, sorted);
        System.out.println("FUZZ " + summary);
        Path out = Path.of("target", "fuzz", "summary.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "- " + summary + "\n");
        // Spread over 200 people, no one is past the write budget: every body met the validation it is here for.
        assertThat(sorted.keySet()).as("fuzzing answered 429").noneMatch(k -> k.endsWith(" 429"));
        assertThat(failures).as("answers that are a 5xx or a refusal without a problem document").isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(10_000);
    }

    private static Target pick(List<Target> targets, int[] weights, Random random) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int r = random.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return targets.get(i);
            }
        }
        return targets.get(0);
    }

    // --- generation --------------------------------------------------------------------------

    private static ObjectNode event(OffsetDateTime now) {
        ObjectNode e = NODES.objectNode().put("eventId", UUID.randomUUID().toString()).put("type", "SESSION_STARTED")
                .put("sessionId", UUID.randomUUID().toString()).put("occurredAt", now.minusMinutes(3).toString())
                .put("routineId", "upper-back-quick").put("zone", "Europe/Paris");
        e.putObject("pain").put("neck", 5).put("upper_back", 3);
        return e;
    }

    private static ObjectNode draft() {
        ObjectNode d = NODES.objectNode().put("id", "fuzz-" + UUID.randomUUID().toString().substring(0, 8))
                .put("title", "Fuzz").put("summary", "Generated.").put("level", "gentle");
        d.putArray("focus").add("neck");
        d.putArray("space").add("chair");
        ObjectNode step = d.putArray("steps").addObject().put("pose", "seated-spine-waves").put("side", "none");
        step.putObject("hold").put("breaths", 5);
        return d;
    }

    /** Request body text: a mutated valid body, or one of the shapes that break parsers. */
    private static byte[] body(Target target, Random random) {
        JsonNode valid = target.valid().get();
        int kind = random.nextInt(100);
        String text;
        if (kind < 45) {
            text = mutate(valid, random, 1 + random.nextInt(3)).toString();
        } else if (kind < 60) {
            String good = (random.nextBoolean() ? JSON.createArrayNode().add(valid).add(valid) : valid).toString();
            text = breakText(good, random);
        } else if (kind < 68) {
            ArrayNode many = NODES.arrayNode();
            int n = random.nextInt(3) == 0 ? 501 + random.nextInt(200) : random.nextInt(40);
            for (int i = 0; i < n; i++) {
                many.add(random.nextInt(4) == 0 ? mutate(target.valid().get(), random, 1) : target.valid().get());
            }
            text = many.toString();
        } else if (kind < 73) {
            int depth = 500 + random.nextInt(20_000);
            text = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        } else if (kind < 78) {
            ObjectNode big = (ObjectNode) valid.deepCopy();
            big.put(fieldOf(big, random), "x".repeat(100_000 + random.nextInt(1_200_000)));
            text = big.toString();
        } else if (kind < 88) {
            text = unicodeEverywhere(valid, random).toString();
        } else if (kind < 94) {
            text = STRINGS.get(random.nextInt(STRINGS.size()));
        } else {
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            return noise;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode mutate(JsonNode node, Random random, int times) {
        JsonNode copy = node.deepCopy();
        for (int t = 0; t < times; t++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(copy, objects);
            if (objects.isEmpty()) {
                return randomValue(random, 0);
            }
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            int op = random.nextInt(10);
            if (op < 6 && target.size() > 0) {
                target.set(fieldOf(target, random), randomValue(random, 0));
            } else if (op < 8 && target.size() > 0) {
                target.remove(fieldOf(target, random));
            } else {
                target.set(STRINGS.get(random.nextInt(STRINGS.size())), randomValue(random, 0));
            }
        }
        return copy;
    }

    private static JsonNode unicodeEverywhere(JsonNode node, Random random) {
        JsonNode copy = node.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        for (ObjectNode o : objects) {
            for (Iterator<String> it = o.deepCopy().fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (o.get(f).isTextual() && random.nextBoolean()) {
                    o.put(f, randomUnicode(random, 1 + random.nextInt(40)));
                }
            }
        }
        return copy;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, into));
    }

    private static String fieldOf(ObjectNode o, Random random) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e" + random.nextInt(400)));
            case 5 -> NODES.numberNode(-random.nextDouble() * 1e6);
            case 6 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 7 -> NODES.textNode(randomUnicode(random, random.nextInt(60)));
            case 8 -> NODES.numberNode(random.nextInt(12) - 1);
            case 9 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(randomUnicode(random, 1 + random.nextInt(8)), randomValue(random, depth + 1));
                }
                yield o;
            }
        };
    }

    /** Any code point, lone surrogates included (sent as UTF-8 they become replacement bytes). */
    private static String randomUnicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(5);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0x80 + random.nextInt(0x800);
                case 3 -> 0x1F300 + random.nextInt(0x400);
                default -> random.nextInt(0x110000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static String breakText(String good, Random random) {
        int at = random.nextInt(Math.max(1, good.length()));
        return switch (random.nextInt(7)) {
            case 0 -> good.substring(0, at);
            case 1 -> good.substring(0, at) + good.substring(Math.min(good.length(), at + 1 + random.nextInt(5)));
            case 2 -> good.substring(0, at) + "\"" + good.substring(at);
            case 3 -> good.replace(":", random.nextBoolean() ? "=" : "::");
            case 4 -> good + random.nextInt();
            case 5 -> "\uFEFF" + good.replace("}", ",}");
            default -> good.replace("\"", "'");
        };
    }

    // --- sending and judging -------------------------------------------------------------------

    private void send(HttpClient http, Target target, byte[] body, Random random) throws Exception {
        String url = target.path().contains("%s")
                ? String.format(target.path(), java.net.URLEncoder.encode(
                        random.nextBoolean() ? "upper-back-quick-missing" : randomUnicode(random, 1 + random.nextInt(30)),
                        StandardCharsets.UTF_8).replace("+", "%20"))
                : target.path();
        String contentType = switch (random.nextInt(20)) {
            case 0 -> "text/plain";
            case 1 -> "application/xml";
            case 2 -> "application/json; charset=ISO-8859-1";
            case 3 -> "application/x-www-form-urlencoded";
            default -> "application/json";
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + target.token().get()).header("Content-Type", contentType)
                .method(target.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Answer r;
        if (body.length > 64 * 1024) {
            r = RawHttp.send(URI.create(url), target.method(), target.token().get(), contentType, body);
        } else {
            try {
                r = Answer.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
            } catch (java.io.IOException e) {
                // A kept-alive connection the server had just closed: once more on a new connection.
                r = RawHttp.send(URI.create(url), target.method(), target.token().get(), contentType, body);
                outcomes.computeIfAbsent("(resent on a new connection)", k -> new AtomicInteger()).incrementAndGet();
            }
        }
        if (r == null) {
            failures.add(target.name() + " gave no answer to " + body.length + " bytes of " + contentType + ": "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
            return;
        }
        int status = r.status();
        outcomes.computeIfAbsent(target.name() + " " + status, k -> new AtomicInteger()).incrementAndGet();
        String shown = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        if (status >= 500) {
            failures.add(target.name() + " answered " + status + " " + r.body() + " to: " + shown);
        } else if (status >= 400) {
            String type = r.contentType();
            boolean problem = type.startsWith("application/problem+json");
            if (problem) {
                try {
                    JsonNode doc = JSON.readTree(r.body());
                    problem = doc.path("status").asInt() == status && !doc.path("title").asText().isBlank();
                } catch (java.io.IOException e) {
                    problem = false;
                }
            }
            if (!problem) {
                failures.add(target.name() + " answered " + status + " as " + type + ": " + r.body() + " to: " + shown);
            }
        }
    }

    /** What came back: status, content type, body. */
    record Answer(int status, String contentType, String body) {
        static Answer of(HttpResponse<String> r) {
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        }
    }

    /**
     * HTTP/1.1 over a plain socket, writing the body while reading the answer: a server may
     * answer 413 before reading a big body and close, which java.net.http reports as no answer.
     */
    static final class RawHttp {
        static Answer send(URI url, String method, String token, String contentType, byte[] body) {
            try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
                socket.setSoTimeout(60_000);
                String head = method + " " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                var out = socket.getOutputStream();
                Thread writer = new Thread(() -> {
                    try {
                        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                    } catch (java.io.IOException ignored) {
                        // the server answered and closed before taking it all
                    }
                });
                writer.start();
                var in = new java.io.BufferedInputStream(socket.getInputStream());
                String status = line(in);
                if (status == null || !status.startsWith("HTTP/1.1 ")) {
                    return null;
                }
                String type = "";
                int length = -1;
                boolean chunked = false;
                for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
                    String lower = h.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-type:")) {
                        type = h.substring(13).trim();
                    } else if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                byte[] content;
                if (chunked) {
                    var all = new java.io.ByteArrayOutputStream();
                    for (String size; (size = line(in)) != null && !size.isBlank(); ) {
                        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                        if (n == 0) {
                            break;
                        }
                        all.write(in.readNBytes(n));
                        line(in);
                    }
                    content = all.toByteArray();
                } else {
                    content = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
                }
                writer.join(60_000);
                return new Answer(Integer.parseInt(status.substring(9, 12)), type, new String(content, StandardCharsets.UTF_8));
            } catch (java.io.IOException | InterruptedException e) {
                return null;
            }
        }

        private static String line(java.io.InputStream in) throws java.io.IOException {
            StringBuilder s = new StringBuilder();
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    return s.toString().replaceAll("\r$", "");
                }
                s.append((char) c);
            }
            return s.length() == 0 ? null : s.toString();
        }
    }
}
