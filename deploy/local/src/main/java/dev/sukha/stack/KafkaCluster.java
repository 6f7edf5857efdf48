package dev.sukha.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three Kafka nodes (KRaft, each broker and controller), each in a JVM of its own
 * ({@link KafkaNodeMain}), with production's topic settings: every topic replicated three times,
 * {@code min.insync.replicas=2}, as deploy/k8s's prod overlay has them. Nodes stop and start one
 * at a time, as Strimzi rolls them: gracefully (SIGTERM, the broker's controlled shutdown moves
 * leadership away first) or by a hard kill (SIGKILL, as when a pod's node dies: the controller
 * only learns of it when the broker's session times out).
 * <p>
 * The single-node stack ({@link LocalStack}) stays the default of {@code ./run} and of most tests;
 * the tests about a cluster start one of these beside it.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int NODES = 3;

    private final Path dataDir;
    private final String host = "127.0.0.1";
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Process[] nodes = new Process[NODES];
    private final Thread reaper = new Thread(this::destroyAll, "kafka-cluster-reaper");

    private KafkaCluster(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        int[] free = LocalStack.freePorts(2 * NODES);
        brokerPorts = new int[]{free[0], free[1], free[2]};
        controllerPorts = new int[]{free[3], free[4], free[5]};
        // Nodes must not outlive the JVM that started them (a test run that ends without close()).
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts the three nodes and creates the system's topics, replicated three times. */
    public static KafkaCluster start(Path dataDir) {
        KafkaCluster cluster = new KafkaCluster(dataDir);
        try {
            List<Thread> starting = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                int node = i;
                // The controllers elect a leader only once a majority is up: start them side by side.
                Thread t = new Thread(() -> cluster.start(node), "kafka-node-" + node + "-start");
                t.start();
                starting.add(t);
            }
            for (Thread t : starting) {
                t.join();
            }
            cluster.createTopics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public String bootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int port : brokerPorts) {
            servers.add(host + ":" + port);
        }
        return String.join(",", servers);
    }

    /** Starts node {@code node} (1..3), again with its data if it ran before. */
    public void start(int node) {
        // Not under the lock: a node's startup waits for a majority of controllers, which the others make.
        if (running(node)) {
            return;
        }
        Path logDir = dataDir.resolve("node-" + node);
        LocalStack.formatOnce(logDir, clusterId, node);
        Path config = dataDir.resolve("node-" + node + ".properties");
        Path log = dataDir.resolve("node-" + node + ".log");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties(node, logDir).store(out, "Kafka node " + node + " of a local three-node cluster");
            String java = ProcessHandle.current().info().command().orElse("java");
            // The classpath of this JVM holds the broker (deploy/local depends on it); under failsafe it
            // is a manifest-only jar whose Class-Path the child's class loader follows as well.
            Process process = new ProcessBuilder(java, "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-cp", System.getProperty("java.class.path"), KafkaNodeMain.class.getName(), config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            synchronized (this) {
                nodes[node - 1] = process;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka node " + node + " (see " + log + ")", e);
        }
        try {
            LocalStack.awaitPort(host, brokerPorts[node - 1], Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Kafka node " + node + " did not open its port (see " + log + ")", e);
        }
    }

    /** Stops node {@code node} gracefully: SIGTERM, a controlled shutdown that moves leadership first. */
    public void stop(int node) {
        end(node, false);
    }

    /** Kills node {@code node} (SIGKILL): no controlled shutdown, its leadership moves only when its session expires. */
    public void kill(int node) {
        end(node, true);
    }

    private void end(int node, boolean hard) {
        Process process;
        synchronized (this) {
            process = nodes[node - 1];
            nodes[node - 1] = null;
        }
        if (process == null) {
            return;
        }
        try {
            if (hard) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            // A controlled shutdown no controller majority can approve waits five minutes: bound it.
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public synchronized boolean running(int node) {
        return nodes[node - 1] != null && nodes[node - 1].isAlive();
    }

    /** The node leading {@code topic}'s partition {@code partition}. */
    public int leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition).leader().id();
        }
    }

    /** Waits until every replica of every topic is in sync again (after a node came back). */
    public Duration awaitInSync(Duration timeout) throws Exception {
        Instant t0 = Instant.now();
        try (Admin admin = admin()) {
            while (true) {
                List<String> topics = new ArrayList<>(admin.listTopics().names().get());
                Map<String, TopicDescription> all = admin.describeTopics(topics).allTopicNames().get();
                boolean inSync = all.values().stream().flatMap(d -> d.partitions().stream())
                        .allMatch((TopicPartitionInfo p) -> p.isr().size() == p.replicas().size() && p.leader() != null);
                if (inSync) {
                    return Duration.between(t0, Instant.now());
                }
                if (Duration.between(t0, Instant.now()).compareTo(timeout) > 0) {
                    throw new IllegalStateException("replicas not back in sync within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000"));
    }

    /** Ends every node at once: nothing of the cluster needs to survive, so no controlled shutdowns are waited for. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs destroyAll itself
        }
    }

    private void destroyAll() {
        List<Process> all = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < NODES; i++) {
                if (nodes[i] != null) {
                    all.add(nodes[i]);
                    nodes[i] = null;
                }
            }
        }
        all.forEach(Process::destroyForcibly);
        for (Process p : all) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Properties properties(int node, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(node));
        String voters = java.util.stream.IntStream.rangeClosed(1, NODES)
                .mapToObj(i -> i + "@" + host + ":" + controllerPorts[i - 1]).collect(Collectors.joining(","));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPorts[node - 1] + ",CONTROLLER://" + host + ":" + controllerPorts[node - 1]);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPorts[node - 1]);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // Production's settings (deploy/k8s/overlays/prod): three replicas, two in sync to acknowledge.
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Kafka's default, stated: a killed broker's partitions get a new leader only after it, and
        // Strimzi reserves broker.* (the Kafka resource cannot change it), so production has this one.
        p.put("broker.session.timeout.ms", "9000");
        p.put("auto.create.topics.enable", "false");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private void createTopics() {
        try (Admin admin = admin()) {
            // Each node registers with the controller a moment after its port opens.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (admin.describeCluster().nodes().get().size() < NODES) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("not every node registered within a minute");
                }
                Thread.sleep(200);
            }
            List<NewTopic> topics = new ArrayList<>();
            for (NewTopic t : Topics.all()) {
                Map<String, String> configs = new HashMap<>(t.configs() == null ? Map.of() : t.configs());
                configs.put("min.insync.replicas", "2");
                topics.add(new NewTopic(t.name(), t.numPartitions(), (short) NODES).configs(configs));
            }
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the topics", e);
        }
    }
}
