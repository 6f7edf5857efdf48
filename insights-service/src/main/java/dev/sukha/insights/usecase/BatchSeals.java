package dev.sukha.insights.usecase;

import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.PersonDocuments;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.SealedValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The keys of a batch of events being applied (consumed, or replayed by a rebuild): what each person's values are
 * sealed with, and, after the writes, who was erased meanwhile.
 * <p>
 * A batch is opened with its people's keys as read once before it, and written after; an erasure may fall in
 * between. So after writing, {@link #sweepErased} reads the keys again and deletes the figures of anyone erased
 * meanwhile: the erasure deletes the key before the figures, so either it sees this batch's writes, or this check
 * sees its key gone.
 */
@ApplicationScoped
public class BatchSeals {

    private final PersonKeys keys;
    private final PersonDocuments documents;
    private final Timer keysAfter;

    public BatchSeals(PersonKeys keys, PersonDocuments documents, MeterRegistry metrics) {
        this.keys = keys;
        this.documents = documents;
        this.keysAfter = keysRead("after", metrics);
    }

    /** The time to read a batch's person keys, {@code before} opening it or {@code after} writing it. */
    public static Timer keysRead(String when, MeterRegistry metrics) {
        return Timer.builder("sukha.insights.keys.read").tag("when", when)
                .description("Reading a consumed batch's person keys, before opening it and after writing it").register(metrics);
    }

    /**
     * What the projection seals each of the batch's people's values with: their live key, as read for the batch. A
     * person whose records were read without a key (plain records, from before records were sealed) is given one
     * now, in one write for the batch.
     */
    public Function<String, PersonSeal> seals(Map<String, PersonKeyDocuments.State> states, Collection<String> people) {
        Map<String, SealedValues> values = new HashMap<>();
        List<String> keyless = new ArrayList<>();
        for (String user : people) {
            SealedValues v = keys.values(states.getOrDefault(user, PersonKeyDocuments.State.none(user)));
            if (v == null) {
                keyless.add(user);
            } else {
                values.put(user, v);
            }
        }
        if (!keyless.isEmpty()) {
            values.putAll(keys.forWriting(keyless));
        }
        return user -> PersonSeal.of(user, values.get(user));
    }

    /**
     * After a batch was written: deletes the figures of the people among {@code written} whose
     * erasure happened or began since {@code before} was read. Returns them.
     */
    public List<String> sweepErased(Map<String, PersonKeyDocuments.State> before, Collection<String> written) {
        List<String> erased = new ArrayList<>();
        if (written.isEmpty()) {
            return erased;
        }
        Map<String, PersonKeyDocuments.State> now = keysAfter.record(() -> keys.states(written));
        for (String user : written) {
            PersonKeyDocuments.State was = before.get(user);
            if (was != null && now.get(user).erasedSince(was)) {
                erased.add(user);
                documents.deleteFigures(user);
            }
        }
        if (!erased.isEmpty()) {
            Log.infof("Deleted again the figures of %d people erased while their events were being applied", erased.size());
        }
        return erased;
    }
}
