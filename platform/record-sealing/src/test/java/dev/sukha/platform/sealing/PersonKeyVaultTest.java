package dev.sukha.platform.sealing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The person keys as every service reads, makes and destroys them, against a MongoDB-wire store: one key per
 * person whoever makes it first, erasure and a new life, an erasure applied again to a store restored from
 * before it, and the re-wrapping that finishes a KEK's rotation.
 */
class PersonKeyVaultTest {

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(dev.sukha.stack.StoreBackend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    private static KeyRing ring(String... ids) {
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append(id).append(':').append(Base64.getEncoder().encodeToString(Gcm.newKey().getEncoded())).append('\n');
        }
        return KeyRing.parse(text.toString(), "test");
    }

    private static MongoCollection<Document> keys() {
        return client.getDatabase("vault-" + UUID.randomUUID()).getCollection(PersonKeyDocuments.COLLECTION);
    }

    @Test
    void aPersonHasOneKeyWhoeverMakesItAndAnErasureEndsIt() throws Exception {
        MongoCollection<Document> keys = keys();
        KeyRing ring = ring("k1");
        PersonKeyVault a = new PersonKeyVault(keys, ring);
        PersonKeyVault b = new PersonKeyVault(keys, ring);
        PersonKeyVault.Live first = a.liveOrNew("ana");
        assertThat(b.liveOrNew("ana").keyId()).isEqualTo(first.keyId());
        String sealed = first.values().seal("p", "neck=7");
        assertThat(b.live(b.state("ana")).values().open("p", sealed)).isEqualTo("neck=7");

        assertThat(a.destroy("ana", Instant.now())).isEqualTo(first.keyId());
        assertThat(b.state("ana").live()).isFalse();
        assertThatThrownBy(() -> b.liveOrNew("ana")).isInstanceOf(PersonKeyVault.Erasing.class);
        a.finish("ana");
        PersonKeyVault.Live again = b.liveOrNew("ana");
        assertThat(again.keyId()).isNotEqualTo(first.keyId());
        assertThat(again.erasedBefore()).isTrue();
    }

    @Test
    void anErasureAppliedAgainDestroysAKeyFromBeforeItAndKeepsANewLife() throws Exception {
        MongoCollection<Document> keys = keys();
        PersonKeyVault vault = new PersonKeyVault(keys, ring("k1"));
        String old = vault.liveOrNew("ben").keyId();
        Document backup = keys.find(Filters.eq("_id", "ben")).first();
        Thread.sleep(5);
        Instant erasedAt = Instant.now();
        vault.destroy("ben", erasedAt);
        vault.finish("ben");
        // A store restored from before the erasure: the key is back; the ledger's erasure destroys it again.
        keys.replaceOne(Filters.eq("_id", "ben"), backup);
        assertThat(vault.state("ben").keyId()).isEqualTo(old);
        assertThat(vault.destroyIfPredating("ben", erasedAt, old)).isTrue();
        assertThat(vault.state("ben").live()).isFalse();
        assertThat(vault.state("ben").erasing()).isTrue();
        vault.finish("ben");
        // Ben came back after the erasure: a key made later is his new life and stays.
        Thread.sleep(5);
        String later = vault.liveOrNew("ben").keyId();
        assertThat(vault.destroyIfPredating("ben", erasedAt, old)).isFalse();
        assertThat(vault.state("ben").keyId()).isEqualTo(later);
        assertThat(vault.liveSince("ben")).isAfter(erasedAt);
    }

    @Test
    void rewrappingMovesEveryKeyToTheCurrentKekAndChangesNoKey() throws Exception {
        MongoCollection<Document> keys = keys();
        String oldKek = Base64.getEncoder().encodeToString(Gcm.newKey().getEncoded());
        String newKek = Base64.getEncoder().encodeToString(Gcm.newKey().getEncoded());
        PersonKeyVault vault = new PersonKeyVault(keys, KeyRing.parse("old:" + oldKek, "test"));
        Map<String, String> sealed = new java.util.HashMap<>();
        for (String user : List.of("cleo", "dora", "eli")) {
            sealed.put(user, vault.liveOrNew(user).values().seal("p", user + "'s pain"));
        }
        vault.destroy("eli", Instant.now()); // a tombstone has no key to wrap
        // Rotation: the new KEK first, the old one kept below until every key is wrapped again.
        KeyRing rotated = KeyRing.parse("new:" + newKek + "\nold:" + oldKek, "test");
        assertThat(RewrapKeys.rewrap(keys, rotated)).isEqualTo(2);
        assertThat(RewrapKeys.rewrap(keys, rotated)).isZero();
        for (Document d : keys.find(Filters.exists("key", true))) {
            assertThat(KeyRing.wrappedBy(d.getString("key"))).isEqualTo("new");
        }
        // The old KEK may now leave the Secret: every key still opens what it sealed.
        PersonKeyVault after = new PersonKeyVault(keys, KeyRing.parse("new:" + newKek, "test"));
        for (String user : List.of("cleo", "dora")) {
            assertThat(after.live(after.state(user)).values().open("p", sealed.get(user))).isEqualTo(user + "'s pain");
        }
    }
}
