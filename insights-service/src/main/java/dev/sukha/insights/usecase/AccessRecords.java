package dev.sukha.insights.usecase;

import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.AccessLog;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who looked at whose data, and when: every operator read or action on a person's data is recorded
 * before it is served ({@link #record}); a person reads who looked at theirs ({@link #forPerson}), and an
 * operator reads it for a person ({@link #forOperator}), a page at a time, newest first. A rebuild
 * recomputes everyone's figures: it is recorded once, and shown to every person whose data it touched
 * (those whose current life had begun).
 */
@ApplicationScoped
public class AccessRecords {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** A page's cursor: the time (13 digits of epoch milliseconds) and id of the last record shown. */
    private static final Pattern CURSOR = Pattern.compile("([0-9]{13})-([A-Za-z0-9-]{1,64})");

    /** One record as shown: when, who, what (a route's template, or "erasure"), and the trace to look it up by. */
    public record View(Instant at, String operator, String route, String traceId) {
    }

    /** A page of records, and the cursor of the next one (null: no more). */
    public record Page(List<View> entries, String next) {
    }

    private final AccessLog log;
    private final PersonKeys keys;
    private final Clock clock = Clock.systemUTC();

    public AccessRecords(AccessLog log, PersonKeys keys) {
        this.log = log;
        this.keys = keys;
    }

    /** An operator's read or action on a person's data, recorded before it is served; the trace is the request's. */
    public void record(String user, String operator, String route) {
        log.add(UUID.randomUUID().toString(), user, operator, route, clock.instant(), traceId());
    }

    /** A record from another service ({@code access-records}): kept once, under its own id. */
    public void recordFrom(String recordId, String user, String operator, String route, Instant at, String traceId) {
        log.add(recordId, user, operator, route, at, traceId);
    }

    /** An operator's action on every person's data (a rebuild). */
    public void recordForEveryone(String operator, String route) {
        record(AccessLog.EVERYONE, operator, route);
    }

    /** The records a person sees of their own data: since their current life began, the erasure of an earlier one left out. */
    public Page forPerson(String user, String limit, String before) {
        Instant since = keys.liveSince(user);
        return page(user, limit, before, since, false);
    }

    /** Every record of a person's data, the facts of their erasures included. */
    public Page forOperator(String user, String limit, String before) {
        return page(user, limit, before, null, true);
    }

    private Page page(String user, String limitText, String before, Instant since, boolean erasures) {
        int limit = limit(limitText);
        String[] cursor = cursor(before);
        String personBefore = cursor == null ? null : log.idOf(user, cursor);
        List<AccessLog.Entry> entries = new ArrayList<>(log.page(user, personBefore, since, limit + 1));
        if (since != null) {
            // A rebuild touched everyone alive then; someone with no data yet (no key) was not touched.
            entries.addAll(log.page(AccessLog.EVERYONE, cursor == null ? null : log.idOf(AccessLog.EVERYONE, cursor), since, limit + 1));
        }
        entries.removeIf(e -> !erasures && AccessLog.ERASURE.equals(e.route()));
        entries.sort(Comparator.comparing(AccessLog.Entry::at).thenComparing(e -> recordId(e.id())).reversed());
        List<View> views = new ArrayList<>();
        for (AccessLog.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
            views.add(new View(e.at(), e.operator(), e.route(), e.traceId()));
        }
        String next = null;
        if (entries.size() > limit) {
            AccessLog.Entry last = entries.get(limit - 1);
            next = String.format("%013d", last.at().toEpochMilli()) + "-" + recordId(last.id());
        }
        return new Page(views, next);
    }

    private static String recordId(String id) {
        return id.substring(id.lastIndexOf('|') + 1);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.invalid(422, "The page size is not one.",
                List.of(new Problem.Error("limit", "a whole number from 1 to " + MAX_LIMIT)));
    }

    private static String[] cursor(String text) {
        if (text == null) {
            return null;
        }
        var m = CURSOR.matcher(text);
        if (!m.matches()) {
            throw ProblemException.invalid(422, "The page cursor is not one this service gave.",
                    List.of(new Problem.Error("before", "the 'next' of an earlier page")));
        }
        return new String[]{m.group(1), m.group(2)};
    }

    private static String traceId() {
        var context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
