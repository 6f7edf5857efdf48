package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sukha.platform.sealing.SealedValues;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a document of the projection collection written before it was sealed still holds in the clear,
 * and the one update that seals it (the store sealing migration). Every sealed value is the one the
 * writer itself would write there (same place, same text: sealing is deterministic), so a consumer
 * writing the same entry meanwhile agrees with it:
 * <ul>
 * <li>derived entries ({@code {v, h|f|a|k}}) are raised with {@code $max}: at the same revision a sealed
 * value ({@code "~"}) sorts after a plain one, and a newer revision written meanwhile stays;</li>
 * <li>a week's events and settings are rewritten only if the document is as it was read (its {@code rev} or
 * {@code srev}), else the migration reads it again.</li>
 * </ul>
 */
public final class PlainValues {

    /** The update for one document, and the filter that must still match it. */
    public record Sealing(Bson filter, Bson update) {
    }

    private PlainValues() {
    }

    /** How to seal what {@code doc} holds in the clear; null when nothing is. */
    public static Sealing of(Document doc, PersonSeal seal) {
        String id = doc.getString("_id");
        String user = ProjectionIds.userOf(id);
        if (user == null) {
            return null;
        }
        List<Bson> updates = new ArrayList<>();
        Bson filter;
        if (id.startsWith("p|")) {
            filter = Filters.and(Filters.eq("_id", id), Filters.eq("srev", doc.get("srev")));
            each(doc, "goal", (week, v) -> {
                if (v instanceof Number n) {
                    updates.add(Updates.set("goal." + week, People.sealGoal(seal, week, n.intValue())));
                }
            });
            each(doc, "pause", (pauseId, v) -> {
                if (v instanceof Document p) {
                    updates.add(Updates.set("pause." + pauseId, People.sealPause(seal, new dev.sukha.insights.domain.Pause(pauseId,
                            java.time.LocalDate.parse(p.getString("from")), java.time.LocalDate.parse(p.getString("to")), p.getString("reason")))));
                }
            });
        } else {
            String kind = kindOf(id);
            switch (kind) {
                case "summary" -> {
                    filter = Filters.eq("_id", id);
                    entries(doc, "y", (year, e) -> {
                        if (plain(e.getString("h")) || plain(e.getString("k"))) {
                            Document sealed = new Document("v", e.get("v")).append("h", sealAs(seal, PersonSeal.Kind.YEAR_CORE, year, e.getString("h")));
                            if (e.getString("k") != null) {
                                sealed.append("k", sealAs(seal, PersonSeal.Kind.YEAR_COUNTS, year, e.getString("k")));
                            }
                            updates.add(Updates.max("y." + year, sealed));
                        }
                    });
                    entries(doc, ProjectionReader.ALERTS, (year, e) -> {
                        if (plain(e.getString("a"))) {
                            updates.add(Updates.max(ProjectionReader.ALERTS + "." + year, new Document("v", e.get("v"))
                                    .append("a", seal.seal(PersonSeal.Kind.YEAR_ALERTS, year, e.getString("a")))));
                        }
                    });
                }
                case "year" -> {
                    filter = Filters.eq("_id", id);
                    entries(doc, "w", (week, e) -> {
                        if (plain(e.getString("h"))) {
                            updates.add(Updates.max("w." + week, new Document("v", e.get("v"))
                                    .append("h", seal.seal(PersonSeal.Kind.WEEK, week, e.getString("h")))));
                        }
                    });
                }
                case "week" -> {
                    filter = Filters.eq("_id", id);
                    entries(doc, "s", (session, e) -> {
                        if (plain(e.getString("f"))) {
                            updates.add(Updates.max("s." + session, new Document("v", e.get("v"))
                                    .append("f", seal.seal(PersonSeal.Kind.FACTS, session, e.getString("f")))));
                        }
                    });
                }
                case "events" -> {
                    filter = Filters.and(Filters.eq("_id", id), Filters.eq("rev", doc.get("rev")));
                    each(doc, "ctx", (session, v) -> {
                        if (v instanceof String c && plain(c)) {
                            updates.add(Updates.set("ctx." + session, seal.seal(PersonSeal.Kind.CONTEXT, session, c)));
                        }
                    });
                    each(doc, "ev", (session, v) -> {
                        @SuppressWarnings("unchecked")
                        List<String> lines = (List<String>) v;
                        if (lines.stream().anyMatch(PlainValues::plain)) {
                            // Kept in their order (limits count in it), each once: a line and its sealed copy are one event.
                            List<String> sealed = new ArrayList<>();
                            for (String line : lines) {
                                String s = sealAs(seal, PersonSeal.Kind.EVENT, session, line);
                                if (!sealed.contains(s)) {
                                    sealed.add(s);
                                }
                            }
                            updates.add(Updates.set("ev." + session, sealed));
                        }
                    });
                }
                default -> {
                    return null;
                }
            }
        }
        return updates.isEmpty() ? null : new Sealing(filter, Updates.combine(updates));
    }

    private static boolean plain(String value) {
        return value != null && !SealedValues.isSealed(value);
    }

    private static String sealAs(PersonSeal seal, PersonSeal.Kind kind, String slot, String value) {
        return value == null || SealedValues.isSealed(value) ? value : seal.seal(kind, slot, value);
    }

    private static String kindOf(String id) {
        String[] parts = id.split("\\|", -1);
        if (parts.length == 2) {
            return "summary";
        }
        return switch (parts[2].isEmpty() ? ' ' : parts[2].charAt(0)) {
            case 'y' -> "year";
            case 'w' -> "week";
            case 'e', 's' -> "events";
            default -> "other";
        };
    }

    private static void each(Document doc, String field, java.util.function.BiConsumer<String, Object> each) {
        Document d = doc.get(field, Document.class);
        if (d != null) {
            d.forEach(each);
        }
    }

    private static void entries(Document doc, String field, java.util.function.BiConsumer<String, Document> each) {
        Document d = doc.get(field, Document.class);
        if (d != null) {
            for (Map.Entry<String, Object> e : d.entrySet()) {
                if (e.getValue() instanceof Document entry) {
                    each.accept(e.getKey(), entry);
                }
            }
        }
    }
}
