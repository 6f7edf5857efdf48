package dev.sukha.insights.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The page's files as its service worker keeps them ({@code shell.json}), and the page's version: a
 * hash of all of them and of the worker itself. A deploy that changes any file changes the version,
 * so the page registers a new worker, which keeps the new set and drops the old one.
 */
@ApplicationScoped
public class PageFiles {

    static final String ROOT = "META-INF/resources/";
    /** What the page's address "/" serves. */
    private static final String INDEX = "index.html";
    /** Answered by {@link PageResource}, not a file. */
    static final String CONFIG = "/page/config";

    private final List<String> files;
    private final String version;

    public PageFiles() {
        try {
            JsonNode shell = new ObjectMapper().readTree(read("shell.json"));
            List<String> listed = new ArrayList<>();
            shell.path("files").forEach(f -> listed.add(f.asText()));
            this.files = List.copyOf(listed);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : resources()) {
                sha.update(file.getBytes(StandardCharsets.UTF_8));
                sha.update(read(file));
            }
            this.version = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the page's files could not be read", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What shell.json lists, as the worker fetches them. */
    public List<String> files() {
        return files;
    }

    /** The static resources behind the listed files, the worker and the list itself. */
    List<String> resources() {
        List<String> out = new ArrayList<>(List.of("shell.json", "sw.js"));
        for (String f : files) {
            if (f.equals("/")) {
                out.add(INDEX);
            } else if (!f.equals(CONFIG)) {
                out.add(f.substring(1));
            }
        }
        return out;
    }

    public String version() {
        return version;
    }

    static byte[] read(String file) throws IOException {
        try (InputStream in = PageFiles.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IOException("the page has no " + file + " (listed in shell.json?)");
            }
            return in.readAllBytes();
        }
    }
}
