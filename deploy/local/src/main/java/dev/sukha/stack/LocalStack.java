package dev.sukha.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) and a
 * MongoDB-wire store (mongo-java-server on an H2 file) in one process, plus the
 * RSA key that signs local tokens. Everything lives under one data directory, so a
 * restart keeps topics, offsets, documents and the key.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

    /**
     * Settings of one stack; a port of 0 means "pick a free one". A secured stack's broker takes SASL/SCRAM clients
     * only ({@link KafkaUsers}) and authorizes each by ACLs, none of which it creates itself: as production's.
     */
    public record Settings(Path dataDir, String host, int kafkaPort, int controllerPort, int mongoPort, boolean secured) {
        public Settings(Path dataDir, String host, int kafkaPort, int controllerPort, int mongoPort) {
            this(dataDir, host, kafkaPort, controllerPort, mongoPort, false);
        }

        public static Settings ephemeral(Path dataDir) {
            return new Settings(dataDir, "127.0.0.1", 0, 0, 0);
        }

        public Settings securedWithAcls() {
            return new Settings(dataDir, host, kafkaPort, controllerPort, mongoPort, true);
        }
    }

    private final Path dataDir;
    private final String host;
    private final int kafkaPort;
    private final int controllerPort;
    private final int mongoPort;
    private final JwtKeys keys;
    private final KafkaUsers users;

    private KafkaRaftServer broker;
    private MongoServer store;
    private H2Backend storeBackend;

    private LocalStack(Settings s) {
        this.dataDir = s.dataDir().toAbsolutePath();
        this.host = s.host();
        // Free ports chosen together, each socket held until all are chosen: one at a time, the OS
        // may hand the same port out twice (it did: "two listeners on the same port").
        int[] free = freePorts((s.kafkaPort() == 0 ? 1 : 0) + (s.controllerPort() == 0 ? 1 : 0) + (s.mongoPort() == 0 ? 1 : 0));
        int next = 0;
        this.kafkaPort = s.kafkaPort() == 0 ? free[next++] : s.kafkaPort();
        this.controllerPort = s.controllerPort() == 0 ? free[next++] : s.controllerPort();
        this.mongoPort = s.mongoPort() == 0 ? free[next] : s.mongoPort();
        this.keys = JwtKeys.loadOrCreate(dataDir.resolve("keys"));
        RecordKeys.loadOrCreate(dataDir.resolve("keys"));
        this.users = s.secured() ? KafkaUsers.loadOrCreate(dataDir.resolve("keys")) : null;
    }

    /** Starts broker and store, creates the topics, and returns when both answer. */
    public static LocalStack start(Settings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startStore();
            stack.startBroker();
            stack.createTopics();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public String bootstrapServers() {
        return host + ":" + kafkaPort;
    }

    public String mongoConnectionString() {
        return "mongodb://" + host + ":" + mongoPort;
    }

    public JwtKeys keys() {
        return keys;
    }

    /** The principals of a secured stack; empty when its broker takes anyone. */
    public java.util.Optional<KafkaUsers> users() {
        return java.util.Optional.ofNullable(users);
    }

    /** Settings of an admin client: with the {@code admin} principal's credentials on a secured stack. */
    public Map<String, Object> adminSettings() {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000"));
        if (users != null) {
            settings.putAll(users.clientSettings(KafkaUsers.ADMIN));
        }
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    // ---- Kafka ------------------------------------------------------------------

    /** Starts (or restarts, with the same ports and data) the broker. */
    public synchronized void startBroker() {
        if (broker != null) {
            return;
        }
        Path logDir = dataDir.resolve("kafka");
        Properties props = brokerProperties(logDir);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatOnce(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        broker = server;
        awaitPort(kafkaPort, Duration.ofSeconds(60));
    }

    /** Stops the broker, keeping its data: for fault tests and for shutdown. */
    public synchronized void stopBroker() {
        if (broker == null) {
            return;
        }
        broker.shutdown();
        broker.awaitShutdown();
        broker = null;
    }

    public synchronized boolean brokerRunning() {
        return broker != null;
    }

    private Properties brokerProperties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (users == null) {
            p.put("listeners", "PLAINTEXT://" + host + ":" + kafkaPort + ",CONTROLLER://" + host + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + kafkaPort);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            secure(p);
        }
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, never by a typo in a client.
        p.put("auto.create.topics.enable", "false");
        p.put("log.retention.hours", "-1");
        p.put("log.cleaner.min.compaction.lag.ms", "0");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    /**
     * Every client speaks SASL/SCRAM-SHA-512 (the broker to itself as {@code admin}); the controller's own
     * listener takes {@code admin} alone, by SASL/PLAIN (KRaft controllers cannot check SCRAM: its credentials live
     * in the metadata they serve). Authorization by ACLs, and whatever no ACL allows is refused.
     */
    private void secure(Properties p) {
        p.put("listeners", "SASL_PLAINTEXT://" + host + ":" + kafkaPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://" + host + ":" + kafkaPort);
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", KafkaUsers.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaUsers.MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", users.jaasConfig(KafkaUsers.ADMIN));
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        String admin = users.password(KafkaUsers.ADMIN);
        p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"admin\" password=\"" + admin + "\" user_admin=\"" + admin + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + KafkaUsers.ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
    }

    /** Formats the log directory on first start only: re-formatting a used one breaks restarts. */
    private void formatOnce(Path logDir) {
        formatOnce(logDir, Uuid.randomUuid().toString(), 1, users == null ? List.of() : users.scramArguments());
    }

    /** Formats a node's log directory for {@code clusterId} unless it was formatted before (also {@link KafkaCluster}'s nodes). */
    static void formatOnce(Path logDir, String clusterId, int nodeId) {
        formatOnce(logDir, clusterId, nodeId, List.of());
    }

    private static void formatOnce(Path logDir, String clusterId, int nodeId, List<String> scramCredentials) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setScramArguments(scramCredentials)
                    .setClusterId(clusterId)
                    .setNodeId(nodeId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDir, e);
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(adminSettings())) {
            for (NewTopic topic : Topics.all()) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name(), e.getCause());
                    }
                    // A topic made by an older stack takes today's settings (person-erasures became compacted).
                    Map<String, String> configs = topic.configs() == null ? Map.of() : topic.configs();
                    if (!configs.isEmpty()) {
                        alter(admin, topic.name(), configs);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static void alter(Admin admin, String topic, Map<String, String> configs) throws InterruptedException {
        try {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), configs.entrySet().stream()
                    .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList()))
                    .all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not set the configuration of topic " + topic, e.getCause());
        }
    }

    // ---- MongoDB-wire store -------------------------------------------------------

    /** Starts (or restarts) the store on its H2 file. */
    public synchronized void startStore() {
        if (store != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir.resolve("mongo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storeBackend = StoreBackend.open(dataDir.resolve("mongo").resolve("sukha.mv"));
        store = new MongoServer(storeBackend);
        store.bind(host, mongoPort);
    }

    public synchronized void stopStore() {
        if (store == null) {
            return;
        }
        store.shutdownNow();
        storeBackend.close();
        store = null;
        storeBackend = null;
        compactStoreFile();
    }

    /**
     * Rewrites the store's file with its live pages only. H2 reuses freed pages but never clears them, so what was
     * overwritten or deleted — values kept in the clear before the sealing migration, an erased person's sealed
     * documents — would stay in the file (and in every copy of it) until reused. Rewriting leaves only what the store
     * holds now: what a MongoDB operator gets from {@code compact} and from retiring older backups.
     */
    private void compactStoreFile() {
        Path file = dataDir.resolve("mongo").resolve("sukha.mv");
        if (Files.exists(file)) {
            try {
                org.h2.mvstore.MVStoreTool.compact(file.toString(), false);
            } catch (RuntimeException e) {
                LOG.warning("The store's file could not be rewritten: " + e);
            }
        }
    }

    @Override
    public synchronized void close() {
        // The store outlives the broker by a moment so that nothing writes into a closed file.
        try {
            stopBroker();
        } catch (RuntimeException e) {
            LOG.warning("Broker did not stop cleanly: " + e);
        }
        try {
            stopStore();
        } catch (RuntimeException e) {
            LOG.warning("Store did not stop cleanly: " + e);
        }
    }

    // ---- helpers -----------------------------------------------------------------

    /** {@code n} distinct free ports: every socket stays open until all are chosen. */
    static int[] freePorts(int n) {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    private void awaitPort(int port, Duration timeout) {
        awaitPort(host, port, timeout);
    }

    /** Returns once something listens on {@code host:port}; fails after {@code timeout}. */
    static void awaitPort(String host, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("Nothing listens on " + host + ":" + port + " after " + timeout);
    }
}
