package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A closed-loop HTTP load from Debian's {@code wrk}: a separate, lean C process, so the
 * load generator is not what is measured (the in-JVM client took as much CPU as the
 * service it loaded). Each request is built by a Lua script, which can give every request
 * its own token and body; the result comes back as JSON from the script's {@code done}.
 */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Throughput, latency percentiles, answers of 400 and over (wrk's "errors", with socket errors), the CPU wrk
     * itself used (in cores), and the answers a script counted itself ({@link #COUNTING}; 0 when it counts none).
     */
    record Result(double perSecond, double p50Ms, double p90Ms, double p99Ms, long requests, long errors, double clientCores,
                  double seconds, long counted) {

        /** Every answer a second, whatever its status (a refusal is an answer too). */
        double answeredPerSecond() {
            return requests / seconds;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.1f ms, p99 %.1f ms%s", perSecond, p50Ms, p99Ms,
                    errors > 0 ? ", " + errors + " errors" : "");
        }

        /** Several runs of one load as one: mean rate and percentiles, the worst p99, all requests and errors. */
        static Result combined(List<Result> runs) {
            return new Result(runs.stream().mapToDouble(Result::perSecond).average().orElse(0),
                    runs.stream().mapToDouble(Result::p50Ms).average().orElse(0), runs.stream().mapToDouble(Result::p90Ms).average().orElse(0),
                    runs.stream().mapToDouble(Result::p99Ms).max().orElse(0), runs.stream().mapToLong(Result::requests).sum(),
                    runs.stream().mapToLong(Result::errors).sum(), runs.stream().mapToDouble(Result::clientCores).max().orElse(0),
                    runs.stream().mapToDouble(Result::seconds).sum(), runs.stream().mapToLong(Result::counted).sum());
        }

        Map<String, Object> summary() {
            return Map.of("perSecond", perSecond, "requests", requests, "errors", errors, "p50Ms", p50Ms, "p90Ms", p90Ms,
                    "p99Ms", p99Ms, "clientCores", clientCores);
        }
    }

    private Wrk() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs wrk for a warm-up and then for the measured duration.
     *
     * @param request Lua for {@code request = function() ... end} and whatever it needs
     */
    static Result run(String url, int connections, Duration warmup, Duration measure, String request) throws Exception {
        return run(url, connections, warmup, measure, request, () -> {
        });
    }

    /** The same, running {@code beforeMeasuring} between the warm-up and the measured run. */
    static Result run(String url, int connections, Duration warmup, Duration measure, String request,
                      Runnable beforeMeasuring) throws Exception {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            Files.writeString(script, request + "\n" + DONE, StandardCharsets.UTF_8);
            if (!warmup.isZero()) {
                execute(url, connections, warmup, script);
            }
            beforeMeasuring.run();
            return execute(url, connections, measure, script);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result execute(String url, int connections, Duration duration, Path script) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", "2", "-c", String.valueOf(connections),
                "-d", duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long cpuTicks = cpuTicks(p.pid());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        String json = out.lines().filter(l -> l.startsWith("WRK_RESULT ")).map(l -> l.substring(11)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from wrk: " + out));
        JsonNode r = JSON.readTree(json);
        double seconds = r.get("durationUs").asDouble() / 1e6;
        long requests = r.get("requests").asLong();
        long errors = r.get("non2xx").asLong() + r.get("socketErrors").asLong();
        return new Result((requests - r.get("non2xx").asLong()) / seconds, r.get("p50").asDouble() / 1000,
                r.get("p90").asDouble() / 1000, r.get("p99").asDouble() / 1000, requests, errors,
                cpuTicks < 0 ? -1 : cpuTicks / 100.0 / seconds, seconds, r.get("counted").asLong());
    }

    /** wrk's own CPU time, read just before it exits (it writes its report at the very end). */
    private static long cpuTicks(long pid) {
        long last = -1;
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            while (Files.exists(stat)) {
                String[] f = Files.readString(stat).split("\\) ", 2)[1].split(" ");
                last = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, in clock ticks
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between the check and the read: keep the last reading
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    private static final String DONE = """
            done = function(summary, latency, requests)
              local counted = 0
              for _, t in ipairs(counting_threads or {}) do counted = counted + (t:get("counted") or 0) end
              local non2xx = summary.errors.status
              local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
              io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p90":%d,"p99":%d,"counted":%d}\\n',
                summary.requests, summary.duration, non2xx, socket,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), counted))
            end
            """;

    /**
     * Lua that counts the answers of one status ({@code %d}), summed over wrk's threads into
     * {@link Result#counted}: wrk's own error count only sees statuses of 400 and over.
     */
    static final String COUNTING = """
            counting_threads = {}
            setup = function(thread) table.insert(counting_threads, thread) end
            counted = 0
            response = function(status, headers, body) if status == %d then counted = counted + 1 end end
            """;

    /**
     * Lua that sends at a fixed rate, whatever the answers' latency: each of wrk's two threads keeps a schedule of
     * {@code perSecond / 2} slots a second, and a connection whose answer came waits for the next free slot (none,
     * when the schedule is behind). Closed-loop runs at saturation measure 64 / throughput as their latency; at one
     * schedule two services are compared at the same traffic. The clock is the monotonic one, through LuaJIT's FFI.
     */
    static String paced(double perSecond) {
        return """
                local ffi = require("ffi")
                ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } wrk_timespec; int clock_gettime(int, wrk_timespec *); ]]
                local clock = ffi.new("wrk_timespec")
                local function now_ms()
                  ffi.C.clock_gettime(1, clock)
                  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1000000
                end
                local period_ms = %s
                local slot = nil
                delay = function()
                  local t = now_ms()
                  if slot == nil then slot = t end
                  local wait = slot - t
                  slot = slot + period_ms
                  -- behind the schedule: at once (wrk reads the delay as unsigned)
                  if wait < 0 then return 0 end
                  return math.floor(wait)
                end
                """.formatted(String.format(java.util.Locale.ROOT, "%.4f", 2000.0 / perSecond));
    }

    /** A Lua string literal. */
    static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Lua for a GET with one of the tokens, in turn. */
    static String get(String path, List<String> tokens) {
        return tokensTable(tokens) + """
                local i = 0
                request = function()
                  i = i + 1
                  return wrk.format("GET", %s, {["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1]})
                end
                """.formatted(lua(path));
    }

    static String tokensTable(List<String> tokens) {
        StringBuilder b = new StringBuilder("local tokens = {");
        tokens.forEach(t -> b.append(lua(t)).append(","));
        return b.append("}\n").toString();
    }

    /** Lua that makes a random UUID (version 4) per call; wrk seeds each thread differently. */
    static final String UUID_LUA = """
            local random = math.random
            local function uuid()
              return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function (c)
                local v = (c == "x") and random(0, 15) or random(8, 11)
                return string.format("%x", v)
              end))
            end
            setup = function(thread) thread:set("seed", math.random(1, 2147483647)) end
            init = function(args) math.randomseed(seed + os.time()) end
            """;
}
