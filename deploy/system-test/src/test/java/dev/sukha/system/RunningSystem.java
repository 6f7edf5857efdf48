package dev.sukha.system;

import dev.sukha.stack.SharedStack;

import java.util.List;
import java.util.Map;

/** The three packaged services, started once for all system tests of this JVM. */
final class RunningSystem implements AutoCloseable {

    private static RunningSystem instance;

    final ServiceProcess routines;
    final ServiceProcess sessions;
    final ServiceProcess insights;

    private RunningSystem() {
        this(Map.of());
    }

    /** The three services, session- and insights-service with extra system properties (routine-service has none of theirs). */
    RunningSystem(Map<String, String> properties) {
        SharedStack.get();
        routines = ServiceProcess.start("routine-service", Map.of());
        sessions = ServiceProcess.start("session-service", properties);
        insights = ServiceProcess.start("insights-service", properties);
        System.out.printf("ready in: routine-service %d ms, session-service %d ms, insights-service %d ms%n",
                routines.startedIn().toMillis(), sessions.startedIn().toMillis(), insights.startedIn().toMillis());
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }

    List<ServiceProcess> all() {
        return List.of(routines, sessions, insights);
    }

    @Override
    public void close() {
        List.of(insights, sessions, routines).forEach(ServiceProcess::close);
    }
}
