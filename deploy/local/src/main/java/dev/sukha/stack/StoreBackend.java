package dev.sukha.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 backend, with two changes to its unique indexes (every {@code _id}).
 * <p>
 * They are used for a query that names the key among other conditions. The stock index
 * serves only a query made of its keys alone, so {@code {_id: x, state: "PENDING"}} or
 * {@code {$and: [{_id: x}, {$or: [...]}]}} scanned the whole collection — per document of a bulk update,
 * half the store's time under load — where MongoDB uses the {@code _id} index. Here the index
 * finds the candidates by key and the backend checks the whole query on them, as it always does.
 * <p>
 * They compare keys without serializing them. The stock backend keys its index maps with H2's
 * generic object type, which compares two keys it does not know by Java-serializing both —
 * at every step of every B-tree search. Measured: 7× the upserts and 2.5× the lookups per
 * second with UUID keys.
 * <p>
 * The files stay exactly as they were: keys are written by the same H2 type, and a key that
 * is one ASCII string (every {@code _id} of ours) is compared in the very order the serialized
 * form sorts in — by encoded length, then by character — so a data directory written before
 * reads the same, and the stock backend reads what this one wrote (checked by
 * {@code StoreBackendTest}). Any other key is compared as before.
 */
public final class StoreBackend extends H2Backend {

    private StoreBackend(MVStore store) {
        super(store);
    }

    /** Megabytes of decoded pages kept in memory; H2's default (16) re-reads and re-decodes index pages under load. */
    static final int CACHE_MB = Integer.getInteger("dev.sukha.stack.store-cache-mb", 256);

    /** A store kept in a file (created when absent). */
    public static StoreBackend open(java.nio.file.Path file) {
        // Written to the file every few seconds, not every second nor every megabyte: each write
        // re-encodes every page touched since the last, and random ids touch a new page per document.
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
                .autoCommitBufferSize(64 * 1024).open();
        store.setAutoCommitDelay(5_000);
        return new StoreBackend(store);
    }

    /** A store in memory only, for tests. */
    public static StoreBackend inMemory() {
        return new StoreBackend(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        // Called from H2Backend's constructor too (for the databases already in the file): no field of ours is set yet.
        MVStore store = getMvStore();
        return new H2Database(name, store, getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                            boolean sparse) {
                // The map name H2Database itself uses, so existing indexes are found again.
                MVMap<KeyValue, Object> map = store.openMap(getFullCollectionNamespace(collection) + "._index_" + index,
                        new MVMap.Builder<KeyValue, Object>().keyType(new Keys()));
                return new UniqueIndex(map, index, keys, sparse);
            }
        };
    }

    /** H2UniqueIndex's behaviour (its constructor is not public), over a map with {@link Keys}. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public synchronized boolean canHandle(Document query) {
            return super.canHandle(query) || super.canHandle(byKey(query));
        }

        @Override
        public synchronized Iterable<Object> getPositions(Document query) {
            // Candidates by key; AbstractMongoCollection.matchDocuments checks the whole query on each.
            return super.getPositions(super.canHandle(query) ? query : byKey(query));
        }

        /**
         * The query's condition on this index's single key alone, found at the top or in a top-level
         * {@code $and} (how the Java driver writes {@code Filters.and}); an empty query when there is none.
         */
        private Document byKey(Document query) {
            List<String> keys = keys();
            if (keys.size() != 1) {
                return new Document();
            }
            if (query.containsKey(keys.get(0))) {
                return new Document(keys.get(0), query.get(keys.get(0)));
            }
            if (query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document d) {
                        Document found = byKey(d);
                        if (super.canHandle(found)) {
                            return found;
                        }
                    }
                }
            }
            return new Document();
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** Index keys: written as H2 always wrote them, compared without serializing when they are one ASCII string. */
    static final class Keys extends BasicDataType<KeyValue> {
        private final ObjectDataType stock = new ObjectDataType();

        @Override
        public int getMemory(KeyValue key) {
            return stock.getMemory(key);
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            stock.write(buffer, key);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            return (KeyValue) stock.read(buffer);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            String x = string(a);
            String y = x == null ? null : string(b);
            int order = y == null ? NOT_ASCII : compareAscii(x, y);
            return order != NOT_ASCII ? order : stock.compare(a, b);
        }

        private static final int NOT_ASCII = Integer.MIN_VALUE;

        /** The key's one string (that serialization can write), else null. */
        private static String string(KeyValue key) {
            return key.size() == 1 && key.get(0) instanceof String s && s.length() <= 65535 ? s : null;
        }

        /**
         * Two strings in the order their serialized forms sort in, if both are plain ASCII (1..127, one
         * byte each): a serialized string is its length (two bytes) then its bytes, so shorter sorts
         * first. {@link #NOT_ASCII} otherwise. One pass over both (a B-tree search compares ~20 times).
         */
        static int compareAscii(String x, String y) {
            int common = Math.min(x.length(), y.length());
            int first = 0;
            for (int i = 0; i < common; i++) {
                char c = x.charAt(i);
                char d = y.charAt(i);
                if (c == 0 || c > 0x7F || d == 0 || d > 0x7F) {
                    return NOT_ASCII;
                }
                if (first == 0 && c != d) {
                    first = c - d;
                }
            }
            String longer = x.length() > common ? x : y;
            for (int i = common; i < longer.length(); i++) {
                char c = longer.charAt(i);
                if (c == 0 || c > 0x7F) {
                    return NOT_ASCII;
                }
            }
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : first;
        }
    }
}
