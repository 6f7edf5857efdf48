package dev.sukha.platform.problem;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Links the services hand out (a {@code Location}) from a configured public base URL, never from the request's
 * {@code Host} header, which anyone can set: {@code Host: evil.example} must not turn into a link to it. Without a
 * base URL (the local stack) a link is relative to the host the client asked, which is where it already is.
 */
@ApplicationScoped
public class PublicLinks {

    /** {@code sukha.public.base-url}: e.g. {@code https://sukha.example.org}. */
    @ConfigMapping(prefix = "sukha.public")
    public interface Config {
        Optional<String> baseUrl();
    }

    private final String base;

    public PublicLinks(Config config) {
        this.base = config.baseUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse("");
    }

    /** The link to {@code path} (absolute, from the service's root, e.g. {@code /v1/me/pauses/1}). */
    public String to(String path) {
        return base + path;
    }
}
