package dev.sukha.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * {@code ./run demo}: six weeks of realistic practice for a demo person, posted through
 * the public API as the app would — day by day, with one offline week synced late — then
 * waits until insights shows it and prints the page's address with a sign-in token.
 * <p>
 * Every event is derived from its date (ids, times, routine, pain), so running it again,
 * even on a later day, sends the same events again for the days already posted: they
 * come back as duplicates and nothing doubles.
 */
public final class Demo {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final int DAYS = 42;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String routines;
    private final String sessions;
    private final String insights;
    private final String user;
    private final String token;
    private final Map<String, Integer> stepCounts = new LinkedHashMap<>();
    /** Each routine's steps as "pose side". */
    private final Map<String, List<String>> stepPoses = new LinkedHashMap<>();

    public Demo(String routines, String sessions, String insights, String user, String token) {
        this.routines = routines;
        this.sessions = sessions;
        this.insights = insights;
        this.user = user;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        String host = "http://127.0.0.1:";
        String user = args.length > 0 ? args[0] : "demo";
        Path data = Path.of(env("SUKHA_DATA_DIR", ".run"));
        String token = JwtKeys.existing(data.resolve("keys")).token(user, List.of(), Duration.ofHours(12));
        Demo demo = new Demo(host + env("ROUTINE_PORT", "8081"), host + env("SESSION_PORT", "8082"),
                host + env("INSIGHTS_PORT", "8083"), user, token);
        Summary s = demo.run(true);
        demo.followAProgramme();
        System.out.printf("%n  %d events posted (%d new, %d already there) for '%s', %d practice days over 6 weeks.%n",
                s.accepted() + s.duplicates(), s.accepted(), s.duplicates(), user, s.practiceDays());
        System.out.printf("%n  Open the weekly page, signed in as %s:%n  %s/#token=%s%n%n", user, demo.insights, token);
    }

    /** What a run posted. */
    public record Summary(int accepted, int duplicates, int practiceDays, LocalDate lastDay) {
    }

    public Summary run(boolean progress) throws Exception {
        for (String id : List.of("upper-back-release", "neck-and-jaw", "desk-posture-reset", "in-bed-unwind")) {
            JsonNode steps = get(routines + "/v1/routines/" + id).path("steps");
            stepCounts.put(id, steps.size());
            List<String> poses = new ArrayList<>();
            steps.forEach(step -> poses.add(step.path("pose").asText() + " " + step.path("side").asText()));
            stepPoses.put(id, poses);
        }
        LocalDate today = LocalDate.now(ZONE);
        List<List<Map<String, Object>>> online = new ArrayList<>();
        List<Map<String, Object>> offline = new ArrayList<>();
        int practiceDays = 0;
        LocalDate lastDay = null;
        for (int ago = DAYS - 1; ago >= 0; ago--) {
            LocalDate date = today.minusDays(ago);
            List<Map<String, Object>> day = day(date, ago);
            if (day.isEmpty()) {
                continue;
            }
            if (day.stream().anyMatch(e -> e.get("type").equals("SESSION_COMPLETED"))) {
                practiceDays++;
                lastDay = date;
            }
            // Days 10 to 14 ago were practised offline: the phone syncs them after the later days.
            if (ago >= 10 && ago <= 14) {
                offline.addAll(day);
            } else {
                online.add(day);
            }
        }
        int accepted = 0;
        int duplicates = 0;
        int n = 0;
        for (List<Map<String, Object>> day : online) {
            int[] r = post(day);
            accepted += r[0];
            duplicates += r[1];
            if (progress) {
                System.out.printf("\r  posting day %d of %d", ++n, online.size());
                System.out.flush();
            }
        }
        int[] r = post(offline);
        accepted += r[0];
        duplicates += r[1];
        if (progress) {
            System.out.printf("\r  posted %d days online, then one offline batch of %d events%n", online.size(), offline.size());
            System.out.print("  waiting for insights to show it ...");
            System.out.flush();
        }
        LocalDate[] flare = pauseTheFlare(today);
        if (progress) {
            System.out.printf("  a flare from %s to %s, paused: the streak runs on across it%n", flare[0], flare[1]);
        }
        LocalDate expected = lastDay;
        Instant deadline = Instant.now().plusSeconds(60);
        while (expected != null && !expected.toString().equals(get(insights + "/v1/me/streak").path("lastPracticeDay").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("insights did not show the demo within 60 s");
            }
            Thread.sleep(250);
        }
        if (progress) {
            System.out.println(" done");
        }
        return new Summary(accepted, duplicates, practiceDays, lastDay);
    }

    /** Four to six days ago: a flare, paused (see {@link #pauseTheFlare}); the streak runs on across it. */
    static boolean flare(int ago) {
        return ago >= 4 && ago <= 6;
    }

    /** The flare's pause, once: a rerun finds it and adds nothing. */
    private LocalDate[] pauseTheFlare(LocalDate today) throws IOException, InterruptedException {
        LocalDate from = today.minusDays(6);
        LocalDate to = today.minusDays(4);
        for (JsonNode p : get(insights + "/v1/me/pauses")) {
            if (p.path("from").asText().equals(from.toString()) && p.path("to").asText().equals(to.toString())) {
                return new LocalDate[]{from, to};
            }
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(insights + "/v1/me/pauses?zone=" + ZONE.getId()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "from", from.toString(), "to", to.toString(), "reason", "flare")))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("pausing the flare: " + r.statusCode() + " " + r.body());
        }
        return new LocalDate[]{from, to};
    }

    /**
     * One day's practice, decided by the date alone. A rest day most weeks, a three-day
     * break in week three, a three-day flare (paused) last week, one session stopped early; pain before practice eases from about
     * 7 to about 4 over the weeks, and upper-back release helps more than the others. Every completed pose is rated;
     * thread the needle feels worse on the left.
     */
    List<Map<String, Object>> day(LocalDate date, int ago) {
        Random r = new Random(user.hashCode() * 31L + date.toEpochDay());
        boolean restDay = (ago % 7 == 5 && ago > 9) || (ago >= 19 && ago <= 21) || flare(ago);
        if (restDay) {
            return List.of();
        }
        String routine;
        int pick = (int) (date.toEpochDay() % 5);
        routine = switch (pick) {
            case 0, 2, 4 -> "upper-back-release";
            case 1 -> "neck-and-jaw";
            default -> ago % 2 == 0 ? "desk-posture-reset" : "in-bed-unwind";
        };
        boolean abandoned = ago == 27;
        LocalTime at = date.getDayOfWeek().getValue() >= 6 ? LocalTime.of(9, 15) : LocalTime.of(7, 10);
        ZonedDateTime start = date.atTime(at).atZone(ZONE);
        int steps = stepCounts.get(routine);
        int minutesTotal = 8 + r.nextInt(8) + (routine.equals("in-bed-unwind") ? 4 : 0);
        if (start.plusMinutes(minutesTotal).toInstant().isAfter(Instant.now())) {
            // Today, before the usual time: not practised yet. (Moving it earlier would make a
            // rerun later today send the same event ids with other times: a 422, not a duplicate.)
            return List.of();
        }
        double weeks = (DAYS - ago) / 7.0;
        int before = (int) Math.round(7.2 - weeks * 0.5 + r.nextGaussian() * 0.5);
        before = Math.max(2, Math.min(9, before));
        int drop = switch (routine) {
            case "upper-back-release" -> 3;
            case "neck-and-jaw" -> 1 + r.nextInt(2);
            default -> r.nextInt(2);
        };
        int after = Math.max(0, before - drop);
        int neckBefore = Math.max(1, before - 2);

        String session = id("session", date, 0).toString();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(date, 0, "SESSION_STARTED", session, start, Map.of(
                "routineId", routine, "zone", ZONE.getId(), "pain", Map.of("upper_back", before, "neck", neckBefore))));
        int done = abandoned ? 2 : steps;
        // How each pose felt, from a generator of its own so the rest of the day stays as it was.
        Random feel = new Random(date.toEpochDay() * 17 + user.hashCode());
        for (int step = 0; step < done; step++) {
            String type = !abandoned && step == steps - 2 && r.nextInt(4) == 0 ? "POSE_SKIPPED" : "POSE_COMPLETED";
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", step);
            if (type.equals("POSE_COMPLETED")) {
                fields.put("discomfort", discomfort(stepPoses.get(routine).get(step), feel));
            } else {
                fields.put("reason", "no_time");
            }
            events.add(event(date, 1 + step, type, session, start.plusSeconds((long) (step + 1) * minutesTotal * 60 / (steps + 1)),
                    fields));
        }
        events.add(event(date, 99, abandoned ? "SESSION_ABANDONED" : "SESSION_COMPLETED", session,
                start.plusMinutes(abandoned ? 4 : minutesTotal),
                Map.of("pain", Map.of("upper_back", abandoned ? before : after, "neck", Math.max(0, neckBefore - (abandoned ? 0 : 1))))));
        return events;
    }

    /** Thread the needle is tight on the left (about 5) and easy on the right (about 1.5); other poses rate 0 to 3. */
    static int discomfort(String poseAndSide, Random feel) {
        return switch (poseAndSide) {
            case "thread-the-needle left" -> 5 + feel.nextInt(2);
            case "thread-the-needle right" -> 1 + feel.nextInt(2);
            default -> feel.nextInt(4);
        };
    }

    private Map<String, Object> event(LocalDate date, int n, String type, String session, ZonedDateTime at,
                                      Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", id("event", date, n).toString());
        e.put("type", type);
        e.put("sessionId", session);
        e.put("occurredAt", RFC_3339.format(at.toOffsetDateTime()));
        e.putAll(fields);
        return e;
    }

    private UUID id(String kind, LocalDate date, int n) {
        return UUID.nameUUIDFromBytes((user + "|" + kind + "|" + date + "|" + n).getBytes(StandardCharsets.UTF_8));
    }

    /** Posts one batch; returns [accepted, duplicates]. */
    private int[] post(List<Map<String, Object>> events) throws IOException, InterruptedException {
        if (events.isEmpty()) {
            return new int[]{0, 0};
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(sessions + "/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(events))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // Just after a start, session-service may not have read the catalogue from the routines topic yet.
        for (int wait = 0; wait < 120 && response.statusCode() == 422 && response.body().contains("unknown routine"); wait++) {
            Thread.sleep(500);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException("session-service answered " + response.statusCode() + ": " + response.body());
        }
        int accepted = 0;
        int duplicates = 0;
        for (JsonNode result : JSON.readTree(response.body()).path("results")) {
            if (result.path("status").asText().equals("ACCEPTED")) {
                accepted++;
            } else {
                duplicates++;
            }
        }
        return new int[]{accepted, duplicates};
    }

    /**
     * The intake (upper back and neck, nothing in the safety questions) and the programme it starts, counted from the
     * most recent day that leaves its stage moved up once by the practice posted: the page shows the whole loop.
     */
    void followAProgramme() throws IOException, InterruptedException {
        send("PUT", insights + "/v1/me/intake?zone=" + ZONE.getId(), Map.of("areas", List.of("upper_back", "neck"),
                "pain", Map.of("upper_back", 5, "neck", 3), "duration", "WEEKS_6_TO_12", "spaces", List.of("mat", "chair", "bed"),
                "minutesPerDay", 15, "daysPerWeek", 4, "redFlags", List.of()));
        JsonNode next = get(insights + "/v1/me/next?zone=" + ZONE.getId());
        String programme = next.path("programme").path("id").asText(null);
        if (programme == null) {
            System.out.println("  intake kept; no programme yet (routine-service has not announced them)");
            return;
        }
        LocalDate today = LocalDate.now(ZONE);
        // The latest start whose stage the practice moved up once and last; else the latest it left one stage up.
        LocalDate chosen = null;
        for (int back = 1; back <= DAYS; back++) {
            LocalDate start = today.minusDays(back);
            JsonNode started = send("PUT", insights + "/v1/me/programme?zone=" + ZONE.getId(),
                    Map.of("programmeId", programme, "startedOn", start.toString()));
            next = get(insights + "/v1/me/next?zone=" + ZONE.getId());
            if (next.path("programme").path("stage").asInt() == started.path("startStage").asInt() + 1) {
                if (next.path("reasons").path(0).asText().startsWith("Moved up")) {
                    chosen = start;
                    break;
                }
                chosen = chosen == null ? start : chosen;
            }
        }
        if (chosen != null) {
            send("PUT", insights + "/v1/me/programme?zone=" + ZONE.getId(), Map.of("programmeId", programme, "startedOn", chosen.toString()));
            next = get(insights + "/v1/me/next?zone=" + ZONE.getId());
        }
        System.out.printf("  intake answered; programme %s at stage %d of %d (%s)%n", next.path("programme").path("title").asText(),
                next.path("programme").path("stage").asInt(), next.path("programme").path("stages").asInt(),
                next.path("reasons").path(0).asText());
    }

    private JsonNode send(String method, String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
