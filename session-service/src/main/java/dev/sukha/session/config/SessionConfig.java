package dev.sukha.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** session-service's own settings ({@code sukha.*} in application.properties, or the environment). */
@ConfigMapping(prefix = "sukha")
public interface SessionConfig {

    Publish publish();

    Claim claim();

    Store store();

    Marks marks();

    Bench bench();

    Keys keys();

    Erasures erasures();

    /** The ledger of erasures this service applies (messaging/ErasureLedger). */
    interface Erasures {
        @WithDefault("person-erasures")
        String topic();
    }

    /** Each person's record key (crypto-shredding). */
    interface Keys {
        /** The database of the person keys: its own, so that its backups are handled apart. */
        @WithDefault("sukha-keys")
        String database();

        /** The file of key-encrypting keys (a mounted Secret), {@code id:base64} per line, the first one current. */
        java.nio.file.Path kekLocation();
    }

    interface Publish {
        /** How long a request waits for Kafka's acknowledgements before it answers 503. */
        Duration timeout();
    }

    interface Claim {
        /** How long a claim on an event id holds before a retry may take it over (outlives the producer's delivery timeout). */
        Duration lease();

        /** How long a request waits for a concurrent one holding some of its events ({@code sukha.claim.wait}). */
        @io.smallrye.config.WithName("wait")
        Duration waitFor();

        /** How often expired claims are deleted (what a TTL index does on a real MongoDB). */
        @WithDefault("1h")
        Duration sweepEvery();
    }

    /** Group commit: what concurrent requests ask of the store goes in one command per tick. */
    interface Store {
        /** Requests one command carries at most. */
        @WithDefault("256")
        int maxBatch();

        /** How long a command waits for more requests once one is there. */
        @WithDefault("0ms")
        Duration linger();

        /** Requests that may wait for a command; beyond, a request is refused at once (503). */
        @WithDefault("4096")
        int capacity();
    }

    interface Marks {
        /** Store writes owed after Kafka's acknowledgement that may wait for a store that is away; beyond, 503. */
        @WithDefault("10000")
        int maxPending();
    }

    interface Bench {
        /** {@code /v1/bench/noop}, the benchmark's baseline; off (404) unless set. */
        @WithDefault("false")
        boolean endpoints();
    }
}
