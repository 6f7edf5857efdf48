package dev.sukha.platform.sealing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/**
 * The second half of rotating the key-encrypting key: every person key still wrapped by an older KEK is wrapped
 * again by the current one (the first line of the ring), so that the old KEK can leave the Secret. Run as a Job
 * (deploy/k8s/jobs/rewrap-person-keys.yaml) with the service image's classpath:
 * <pre>
 *   java -cp '/deployments/lib/main/*' dev.sukha.platform.sealing.RewrapKeys
 * </pre>
 * reading {@code SUKHA_MONGODB_URI}, {@code SUKHA_KEYS_DATABASE} (default {@code sukha-keys}),
 * {@code SUKHA_KEYS_KEK_LOCATION} and, where MongoDB speaks TLS, {@code SUKHA_MONGODB_CA} (its CA, PEM; TLS is used
 * when that file exists). Each key is replaced only if it is still what was read (a person erased
 * meanwhile keeps their tombstone); running it again changes nothing. The person keys themselves never change:
 * nothing sealed is touched.
 */
public final class RewrapKeys {

    private RewrapKeys() {
    }

    /** Wraps again by the ring's current KEK every key wrapped by another one; returns how many. */
    public static long rewrap(MongoCollection<Document> keys, KeyRing ring) {
        long rewrapped = 0;
        String current = ring.currentId() + ":";
        for (Document doc : keys.find(Filters.and(Filters.exists(PersonKeyDocuments.KEY, true),
                Filters.not(Filters.regex(PersonKeyDocuments.KEY, "^" + java.util.regex.Pattern.quote(current)))))) {
            String user = doc.getString("_id");
            String keyId = doc.getString(PersonKeyDocuments.KEY_ID);
            String old = doc.getString(PersonKeyDocuments.KEY);
            String again = ring.wrap(user, keyId, ring.unwrap(user, keyId, old));
            rewrapped += keys.updateOne(Filters.and(Filters.eq("_id", user), Filters.eq(PersonKeyDocuments.KEY, old)),
                    Updates.set(PersonKeyDocuments.KEY, again)).getModifiedCount();
        }
        return rewrapped;
    }

    public static void main(String[] args) {
        String uri = System.getenv("SUKHA_MONGODB_URI");
        String database = System.getenv().getOrDefault("SUKHA_KEYS_DATABASE", "sukha-keys");
        String kek = System.getenv().getOrDefault("SUKHA_KEYS_KEK_LOCATION", "/etc/sukha/record-keys/records.kek");
        if (uri == null) {
            System.err.println("SUKHA_MONGODB_URI is not set");
            System.exit(2);
        }
        KeyRing ring = KeyRing.load(Path.of(kek));
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri));
        String ca = System.getenv("SUKHA_MONGODB_CA");
        if (ca != null && Files.isRegularFile(Path.of(ca))) {
            SSLContext tls = trusting(Path.of(ca));
            settings.applyToSslSettings(s -> s.enabled(true).context(tls));
        }
        try (MongoClient client = MongoClients.create(settings.build())) {
            long n = rewrap(client.getDatabase(database).getCollection(PersonKeyDocuments.COLLECTION), ring);
            System.out.printf("%d person keys wrapped again by key-encrypting key %s%n", n, ring.currentId());
        }
    }

    /** TLS trusting the certificates of one PEM file (the replica set's CA) and nothing else. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unusable CA file " + pem, e);
        }
    }
}
