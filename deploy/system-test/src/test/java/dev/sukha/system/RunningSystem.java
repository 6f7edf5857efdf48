package dev.sukha.system;

import dev.sukha.stack.SharedStack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three packaged services, started once for all system tests of this JVM, wired as ./run wires
 * them: the page served by insights-service finds routine- and session-service on their own ports,
 * and they allow its origin by CORS.
 */
final class RunningSystem implements AutoCloseable {

    private static RunningSystem instance;

    final ServiceProcess routines;
    /** Replaced when a test restarts it ({@link #restartSessions}), on the same port. */
    volatile ServiceProcess sessions;
    final ServiceProcess insights;
    private final Map<String, String> sessionProperties;

    private RunningSystem() {
        this(Map.of());
    }

    /** The three services, session- and insights-service with extra system properties (routine-service has none of theirs). */
    RunningSystem(Map<String, String> properties) {
        SharedStack.get();
        int insightsPort = ServiceProcess.freePort();
        int routinesPort = ServiceProcess.freePort();
        int sessionsPort = ServiceProcess.freePort();
        Map<String, String> cors = Map.of("quarkus.http.cors.origins", "http://127.0.0.1:" + insightsPort);
        routines = ServiceProcess.start("routine-service", routinesPort, cors);
        sessionProperties = with(properties, cors);
        sessions = ServiceProcess.start("session-service", sessionsPort, sessionProperties);
        // As ./run: the local stack's page takes a token from a link (the browser tests sign in so).
        insights = ServiceProcess.start("insights-service", insightsPort, with(properties, Map.of(
                "sukha.page.routines-url", routines.url(), "sukha.page.events-url", "http://127.0.0.1:" + sessionsPort,
                "sukha.page.local-sign-in", "true")));
        System.out.printf("ready in: routine-service %d ms, session-service %d ms, insights-service %d ms%n",
                routines.startedIn().toMillis(), sessions.startedIn().toMillis(), insights.startedIn().toMillis());
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }

    /** Stops session-service, runs {@code whileDown}, and starts it again on the same port. */
    void sessionsDownWhile(Runnable whileDown) {
        int port = sessions.port;
        sessions.close();
        try {
            whileDown.run();
        } finally {
            sessions = ServiceProcess.start("session-service", port, sessionProperties);
        }
    }

    List<ServiceProcess> all() {
        return List.of(routines, sessions, insights);
    }

    @Override
    public void close() {
        List.of(insights, sessions, routines).forEach(ServiceProcess::close);
    }
}
