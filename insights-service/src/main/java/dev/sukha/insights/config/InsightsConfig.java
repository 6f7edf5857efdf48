package dev.sukha.insights.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** insights-service's own settings ({@code sukha.*} in application.properties, or the environment). */
@ConfigMapping(prefix = "sukha")
public interface InsightsConfig {

    Bench bench();

    Page page();

    Keys keys();

    AccessLog accessLog();

    /** Who looked at whose data (store/AccessLog). */
    interface AccessLog {
        /**
         * Its database, apart from the projection's: its own backups, and a database role that may only insert,
         * read and delete there (deploy/k8s: the mongodb-users Job), never change a record.
         */
        @io.smallrye.config.WithDefault("sukha-access")
        String database();
    }

    Changes changes();

    /** The streams of changes ({@code GET /v1/me/changes}). */
    interface Changes {
        /** Streams one person may hold open on one instance (a phone, a laptop, a few tabs). */
        @WithDefault("5")
        int perPerson();

        /** Streams one instance holds at most. */
        @WithDefault("2000")
        int perInstance();

        /** How often each stream gets a comment line (proxies close silent connections). */
        @WithDefault("15s")
        java.time.Duration heartbeat();

        /** People whose revisions one instance remembers for conditional reads (about 330 bytes each, their id included). */
        @WithDefault("50000")
        long remember();

        /** How long a remembered revision is used at most, even if no change was heard (a last resort). */
        @WithDefault("10m")
        java.time.Duration rememberFor();

        /** How often this instance probes figure-changes to know it hears it up to the moment. */
        @WithDefault("500ms")
        java.time.Duration probeEvery();

        /** Remembered revisions answer only while the last probe heard was sent less than this ago. */
        @WithDefault("2s")
        java.time.Duration trustWithin();

        /** A change not acknowledged by Kafka within this makes every instance forget what it remembers. */
        @WithDefault("8s")
        java.time.Duration untoldAfter();
    }

    /** The person record keys (crypto-shredding) that session-service creates. */
    interface Keys {
        /** Their database, shared with session-service and no one else. */
        @WithDefault("sukha-keys")
        String database();

        /** The file of key-encrypting keys (a mounted Secret), {@code id:base64} per line. */
        java.nio.file.Path kekLocation();
    }

    interface Page {
        /**
         * The OIDC provider the page signs people in with (authorization code + PKCE), e.g.
         * {@code https://login.example.org/realms/sukha}; unset, the page takes a pasted or linked token.
         */
        java.util.Optional<String> oidcIssuer();

        /** The page's public client at the provider. */
        @WithDefault("sukha-page")
        String oidcClientId();

        /**
         * Where the page finds routine-service ({@code /v1/routines}, {@code /v1/poses}); unset, the
         * page's own origin (production: one host routes every path). Locally {@code ./run} sets it.
         */
        java.util.Optional<String> routinesUrl();

        /** Where the page finds session-service ({@code /v1/events}, {@code /v1/sessions}); unset, its own origin. */
        java.util.Optional<String> eventsUrl();

        /**
         * The local stack: the page takes a token from its address ({@code #token=}, what {@code ./run demo} prints)
         * or pasted into its form. Off by default — in production a link carrying someone's token must not sign a
         * person in as that someone (they would record their pain into another's account): there only the OIDC
         * provider signs people in. {@code ./run} turns it on.
         */
        @WithDefault("false")
        boolean localSignIn();
    }

    interface Bench {
        /** {@code /v1/bench/noop}, the benchmark's baseline; off (404) unless set. */
        @WithDefault("false")
        boolean endpoints();
    }

    Push push();

    /** Web Push for reminders (messaging/WebPushSender). */
    interface Push {
        /** The VAPID key pair, a file of two lines (public X.509, private PKCS#8, base64url): a mounted Secret. */
        java.nio.file.Path vapidKeysLocation();

        /** Make the pair when the file is missing: the local stack and tests only (production mounts its own). */
        @WithDefault("false")
        boolean generateKeys();

        /** Who a push service may contact about our pushes ({@code mailto:} or {@code https:}). */
        String subject();
    }

    Reminders reminders();

    interface Reminders {
        /** How often each instance looks for reminders due; 0: never (tests sweep with a clock of their own). */
        @WithDefault("30s")
        java.time.Duration sweepEvery();
    }
}
