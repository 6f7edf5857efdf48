package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.BodyArea;
import dev.sukha.insights.domain.Clearance;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.RedFlag;
import dev.sukha.insights.domain.Space;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** An intake and a clearance as JSON strings, each sealed whole in the person's settings. */
final class IntakeJson {

    private IntakeJson() {
    }

    static String intake(Intake i) {
        ObjectNode n = StoredJson.JSON.createObjectNode();
        names(n.putArray("a"), i.areas());
        ObjectNode pain = n.putObject("p");
        new TreeMap<>(i.pain()).forEach((area, v) -> pain.put(area.name(), v));
        n.put("d", i.duration().name());
        names(n.putArray("s"), i.spaces());
        n.put("m", i.minutesPerDay()).put("w", i.daysPerWeek());
        names(n.putArray("r"), i.redFlags());
        n.put("t", i.takenOn().toString());
        return StoredJson.write(n);
    }

    static Intake intake(String json) {
        JsonNode n = StoredJson.read(json);
        Map<BodyArea, Integer> pain = new TreeMap<>();
        n.get("p").fields().forEachRemaining(e -> pain.put(BodyArea.valueOf(e.getKey()), e.getValue().asInt()));
        return new Intake(set(n.get("a"), BodyArea.class, BodyArea::valueOf), pain, Intake.Duration.valueOf(n.get("d").asText()),
                set(n.get("s"), Space.class, Space::valueOf), n.get("m").asInt(), n.get("w").asInt(),
                set(n.get("r"), RedFlag.class, RedFlag::valueOf), LocalDate.parse(n.get("t").asText()));
    }

    static String clearance(Clearance c) {
        ObjectNode n = StoredJson.JSON.createObjectNode().put("on", c.clearedOn().toString());
        names(n.putArray("c"), c.cleared());
        return StoredJson.write(n);
    }

    static Clearance clearance(String json) {
        JsonNode n = StoredJson.read(json);
        return new Clearance(LocalDate.parse(n.get("on").asText()), set(n.get("c"), RedFlag.class, RedFlag::valueOf));
    }

    private static void names(ArrayNode a, Collection<? extends Enum<?>> values) {
        values.stream().map(Enum::name).sorted().forEach(a::add);
    }

    private static <E extends Enum<E>> Set<E> set(JsonNode a, Class<E> type, Function<String, E> of) {
        Set<E> out = EnumSet.noneOf(type);
        a.forEach(v -> out.add(of.apply(v.asText())));
        return out;
    }
}
