package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;

import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.Revisions;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ETag of a read of a person's figures: a hash of everything its body is computed from — the
 * person's epoch, and of the live generation, their revisions and the catalogue's ({@link Revisions})
 * those this figure reads, the read's own query and representation, and, for figures that depend on
 * "today", the quarter-hour (every zone's midnight falls on one). Different inputs may give the same body (a new tag for an
 * unchanged body costs a full answer); the same inputs always give the same body, so a tag never
 * survives a change of its body.
 */
@ApplicationScoped
public class FigureTags {

    /** The figures a person reads, as the stream of changes names them. */

    /** Everything a person's tags are made of but the read itself: what a stream's event id carries. */
    public record State(String epoch, long figures, long settings, long generation, long catalogue, long quarter) {

        /** {@code epoch.figures.settings.generation.catalogue.quarter}: a stream's event id. */
        public String id() {
            return (epoch == null ? "-" : epoch) + "." + figures + "." + settings + "." + generation + "." + catalogue + "." + quarter;
        }

        /** The state an event id names, or null when it names none. */
        public static State parse(String id) {
            String[] p = id == null ? new String[0] : id.split("\\.");
            if (p.length != 6) {
                return null;
            }
            try {
                return new State(p[0].equals("-") ? null : p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                        Long.parseLong(p[4]), Long.parseLong(p[5]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The figures whose bodies may differ between {@code before} and this state. */
        public Set<Figure> changedSince(State before) {
            if (before == null || !java.util.Objects.equals(epoch, before.epoch) || generation != before.generation) {
                return EnumSet.allOf(Figure.class);
            }
            Set<Figure> changed = EnumSet.noneOf(Figure.class);
            if (figures != before.figures) {
                changed.addAll(Figure.FROM_EVENTS);
            }
            if (settings != before.settings) {
                changed.addAll(Figure.FROM_SETTINGS);
            }
            if (catalogue != before.catalogue) {
                changed.addAll(Figure.FROM_CATALOGUE);
            }
            if (quarter != before.quarter) {
                changed.addAll(Figure.DAILY);
            }
            return changed;
        }
    }

    private final RememberedRevisions revisions;
    private final Generations generations;
    private final Clock clock;

    @jakarta.inject.Inject
    public FigureTags(RememberedRevisions revisions, Generations generations) {
        this(revisions, generations, Clock.systemUTC());
    }

    FigureTags(RememberedRevisions revisions, Generations generations, Clock clock) {
        this.revisions = revisions;
        this.generations = generations;
        this.clock = clock;
    }

    /** The person's state now: one small read, or none while this instance's remembered numbers hold. */
    public State state(String user) {
        return state(user, true);
    }

    /** The person's state as {@code figure} needs it (the catalogue's number only where it names routines or poses). */
    public State state(String user, Figure figure) {
        return state(user, Figure.FROM_CATALOGUE.contains(figure));
    }

    private State state(String user, boolean withCatalogue) {
        Revisions.Snapshot s = revisions.snapshot(user, withCatalogue);
        Long live = generations.state().live();
        return new State(s.epoch(), s.figures(), s.settings(), live == null ? 0 : live, s.catalogue(), quarter());
    }

    /** The quarter-hour since the epoch: every zone's midnight falls on one. */
    public long quarter() {
        return clock.millis() / (15 * 60_000L);
    }

    /** The tag of a read of {@code figure} for {@code user}, with its query parameters and representation. */
    public static String tag(State state, Figure figure, String user, Map<String, ? extends Iterable<String>> query, String accept) {
        StringBuilder in = new StringBuilder(figure.name).append('\n').append(user).append('\n');
        new TreeMap<String, Iterable<String>>(query).forEach((k, v) -> v.forEach(x -> in.append(k).append('=').append(x).append('&')));
        // Only the export and the report come in more than one representation: JSON reads ignore Accept.
        boolean represented = figure == Figure.EXPORT || figure == Figure.REPORT;
        in.append('\n').append(represented && accept != null ? accept.trim().toLowerCase(java.util.Locale.ROOT) : "").append('\n')
                .append(state.epoch);
        // Only what the figure is computed from: a pause leaves the relief's tag alone, new events the pauses'.
        if (Figure.FROM_EVENTS.contains(figure)) {
            in.append("|f").append(state.figures).append("|g").append(state.generation);
        }
        if (Figure.FROM_SETTINGS.contains(figure)) {
            in.append("|s").append(state.settings);
        }
        if (Figure.FROM_CATALOGUE.contains(figure)) {
            in.append("|c").append(state.catalogue);
        }
        if (Figure.DAILY.contains(figure)) {
            in.append("|q").append(state.quarter);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tags of every figure's plain read (no query, JSON), as a stream's event gives them. */
    public static Map<String, String> defaultTags(State state, String user) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            tags.put(f.name, tag(state, f, user, Map.of(), null));
        }
        return tags;
    }
}
