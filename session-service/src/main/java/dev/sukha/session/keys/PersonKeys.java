package dev.sukha.session.keys;

import com.mongodb.client.MongoClient;
import dev.sukha.platform.sealing.KeyRing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.PersonKeyVault;
import dev.sukha.platform.sealing.SealedValues;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.store.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Each person's record key, in a database of its own ({@code sukha-keys}, collection
 * {@code person_keys}, one document per person by {@code _id}, the key wrapped by the
 * {@link KeyRing}). A person's first post creates their key; erasure (insights-service) deletes
 * it, and from then on every record and stored value sealed with it is unreadable wherever a copy
 * lives. A later post starts a new key with a new id.
 * <p>
 * The document is read on every request (with the request's other reads, in one command per
 * tick for all requests), never cached: an instance must not seal with a key that was erased a
 * moment ago. Only the unwrapping is cached, by key id. How keys are read, made and destroyed is
 * platform/record-sealing's ({@link PersonKeyVault}), shared with insights-service.
 */
@ApplicationScoped
public class PersonKeys {

    public static final String COLLECTION = PersonKeyDocuments.COLLECTION;

    private final PersonKeyVault vault;
    private final GroupCommit<String, Object> reads;

    public PersonKeys(MongoClient client, SessionConfig config, MeterRegistry metrics) {
        this.vault = new PersonKeyVault(client.getDatabase(config.keys().database()).getCollection(COLLECTION),
                KeyRing.load(config.keys().kekLocation()));
        this.reads = GroupCommit.of("keys-read", this::lookup, config.store(), metrics);
    }

    /** The person's live key, created if they have none; fails with {@link PersonKeyVault.Erasing} during their erasure. */
    public CompletableFuture<PersonKeyVault.Live> forUser(String user) {
        return reads.submit(user).thenApply(found -> {
            if (found instanceof PersonKeyVault.Erasing e) {
                throw e;
            }
            return (PersonKeyVault.Live) found;
        });
    }

    /** One command for every request of the tick: find, then create what is missing. */
    private List<Object> lookup(List<String> users) {
        Map<String, Object> found = vault.liveOrNew(users);
        return users.stream().map(found::get).toList();
    }

    /** The states of these people's keys, read now. */
    public Map<String, PersonKeyDocuments.State> states(Collection<String> users) {
        return vault.states(users);
    }

    /** The sealer of stored values of this state's live key; null when it has none. */
    public SealedValues values(PersonKeyDocuments.State state) {
        return vault.values(state);
    }

    /** The sealer of a person's stored values as the store says now (null: no live key), for reads. */
    public SealedValues valuesOf(String user) {
        return vault.values(vault.state(user));
    }

    /**
     * An erasure from the ledger, applied again: a key it should have destroyed (a store restored from before it)
     * is destroyed now, before anything could be sealed with it; insights-service finishes the erasure.
     */
    public boolean destroyIfPredating(String user, java.time.Instant erasedAt, String erasedKeyId) {
        return vault.destroyIfPredating(user, erasedAt, erasedKeyId);
    }

    /** The id of the person's live key, null when they have none (read now, never cached). */
    public String liveKeyId(String user) {
        return vault.liveKeyId(user);
    }

    /** Those of these people who were erased, or are being erased (one read; nothing is created). */
    public Set<String> erasedAmong(Collection<String> users) {
        return vault.erasedAmong(users);
    }
}
