package dev.sukha.insights.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.platform.sealing.KeyRing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.PersonKeyDocuments.State;
import dev.sukha.platform.sealing.PersonKeyVault;
import dev.sukha.platform.sealing.SealedValues;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The person keys ({@code sukha-keys.person_keys}, one document per person by {@code _id}), through
 * platform/record-sealing's {@link PersonKeyVault}: insights opens records with them, seals what it keeps
 * of a person with them, makes one for a person whose first change is a goal or a pause, and erases them.
 * <p>
 * The consumer reads its batch's people's keys fresh, once per batch (an erased key must stop opening
 * records at once). Reads of figures find the key in a small cache instead ({@link #forReading}): a key
 * only opens values, and what it opened goes with the person's documents at erasure; a value that does not
 * open with the cached key makes the key be read again, so a person who came back with a new key is read
 * with it. An erasure forgets its person here at once ({@link #forget}), and every instance as it hears it.
 */
@ApplicationScoped
public class PersonKeys {

    public static final String COLLECTION = PersonKeyDocuments.COLLECTION;
    /** People whose key reads remember; the cache holds only what it was asked for. */
    static final int REMEMBERED = 50_000;

    private final PersonKeyVault vault;
    private final Cache<String, Optional<SealedValues>> forReading = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public PersonKeys(MongoClient client, InsightsConfig config) {
        this.vault = new PersonKeyVault(client.getDatabase(config.keys().database()).getCollection(COLLECTION),
                KeyRing.load(config.keys().kekLocation()));
    }

    /** The states of these people, in one read; a person without a document has none of anything. */
    public Map<String, State> states(Collection<String> users) {
        return vault.states(users);
    }

    /** The live key of this state; null when it has none. */
    public SecretKey key(State state) {
        return vault.key(state);
    }

    /** The sealer of this state's live key; null when it has none. */
    public SealedValues values(State state) {
        return vault.values(state);
    }

    /**
     * The sealer to open a person's stored values with, for a read: remembered ({@code fresh} false), or read
     * from the store now ({@code fresh} true: a value did not open with the remembered one). Empty when the
     * person has no live key.
     */
    public Optional<SealedValues> forReading(String user, boolean fresh) {
        if (fresh) {
            Optional<SealedValues> now = Optional.ofNullable(vault.values(vault.state(user)));
            forReading.put(user, now);
            return now;
        }
        return forReading.get(user, u -> Optional.ofNullable(vault.values(vault.state(u))));
    }

    /** The person's live key's sealer, made now if they have none (a goal or a pause before any practice). */
    public SealedValues forWriting(String user) {
        PersonKeyVault.Live live = vault.liveOrNew(user);
        forReading.put(user, Optional.of(live.values()));
        return live.values();
    }

    /** The live keys' sealers of these people, made now for those who have none (one read, at most one insert). */
    public Map<String, SealedValues> forWriting(Collection<String> users) {
        Map<String, SealedValues> out = new java.util.HashMap<>();
        vault.liveOrNew(users).forEach((user, found) -> {
            if (found instanceof PersonKeyVault.Live live) {
                out.put(user, live.values());
            }
        });
        return out;
    }

    /** What this instance remembers of the person's key goes (an erasure heard). */
    public void forget(String user) {
        forReading.invalidate(user);
    }

    /** Everything remembered goes. */
    public void forgetAll() {
        forReading.invalidateAll();
    }

    /**
     * Destroys the person's key in one write: from here on no record sealed with it opens, and
     * no new key can be made for them (session-service answers 503) until {@link #finish}. Returns the
     * id of the key destroyed (null: there was none).
     */
    public String destroy(String user, Instant at) {
        forget(user);
        return vault.destroy(user, at);
    }

    /** An erasure from the ledger applied again ({@link PersonKeyVault#destroyIfPredating}). */
    public boolean destroyIfPredating(String user, Instant erasedAt, String erasedKeyId) {
        forget(user);
        return vault.destroyIfPredating(user, erasedAt, erasedKeyId);
    }

    /** When the person's current life began (their live key was made); null when they have none. */
    public Instant liveSince(String user) {
        return vault.liveSince(user);
    }

    /** Whether the person's erasure is under way. */
    public boolean erasing(String user) {
        return vault.state(user).erasing();
    }

    /** The id of the key an erasure under way destroyed; null when unknown. */
    public String erasedKeyId(String user) {
        return vault.erasedKeyId(user);
    }

    /** The erasure is complete: the person may start again with a new key. */
    public void finish(String user) {
        vault.finish(user);
    }

    /** People whose erasure began before {@code before} and never finished (an instance stopped half-way). */
    public List<String> unfinished(Instant before) {
        return vault.unfinished(before);
    }

    public void ensureIndexes() {
        vault.ensureIndexes();
    }
}
