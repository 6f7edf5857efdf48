package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Chromium's DevTools protocol, spoken directly over its WebSocket: what the browser tests need and
 * Selenium's typed API does not reach, the service worker's own network. DevTools' "Offline" is
 * emulated on the page and on its service worker (each a target with a session of its own), so a
 * reload is served by the worker from what it kept, as on a phone in a tunnel; and a response can
 * be dropped after the server answered (a lost answer).
 */
final class Cdp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event: its method, its params, and the session (target) it came from. */
    record Event(String method, JsonNode params, String sessionId) {
    }

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> sessions = new HashMap<>();

    private Cdp(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the browser that chromedriver started for {@code driver}. */
    @SuppressWarnings("unchecked")
    static Cdp connect(WebDriver driver) throws IOException, InterruptedException {
        Map<String, Object> options = (Map<String, Object>) ((HasCapabilities) driver).getCapabilities().getCapability("goog:chromeOptions");
        String address = (String) options.get("debuggerAddress");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode version = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(version.path("webSocketDebuggerUrl").asText()), listener).join();
        Cdp cdp = new Cdp(socket);
        listener.cdp = cdp;
        return cdp;
    }

    /** A command to the browser ({@code sessionId} null) or to one target's session; its result. */
    JsonNode send(String sessionId, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            JsonNode reply = answer.get(20, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.path("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    void onEvent(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** A session (flat) on the first target of {@code type} whose URL starts with {@code urlPrefix}, attached once. */
    synchronized String session(String type, String urlPrefix) {
        for (JsonNode t : send(null, "Target.getTargets", Map.of()).path("targetInfos")) {
            if (t.path("type").asText().equals(type) && t.path("url").asText().startsWith(urlPrefix)) {
                String targetId = t.path("targetId").asText();
                return sessions.computeIfAbsent(targetId, id -> send(null, "Target.attachToTarget",
                        Map.of("targetId", id, "flatten", true)).path("sessionId").asText());
            }
        }
        throw new IllegalStateException("no " + type + " target at " + urlPrefix);
    }

    /** DevTools' "Offline" on the page at {@code origin} and on its service worker, or back online. */
    void offline(String origin, boolean offline) {
        Map<String, Object> conditions = Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
        for (String type : List.of("service_worker", "page")) {
            String session = session(type, origin);
            send(session, "Network.enable", Map.of());
            send(session, "Network.emulateNetworkConditions", conditions);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                Event event = new Event(message.path("method").asText(), message.path("params"), message.path("sessionId").asText(null));
                // Off the socket's thread: a listener may send commands and wait for their answers.
                CompletableFuture.runAsync(() -> listeners.forEach(l -> l.accept(event)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("DevTools sent what is not JSON", e);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private Cdp cdp;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                cdp.received(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
