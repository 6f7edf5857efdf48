package dev.sukha.insights.api;

import dev.sukha.insights.config.InsightsConfig;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The origins the page talks to besides its own: the APIs served elsewhere and the sign-in provider. */
final class PageOrigins {

    private PageOrigins() {
    }

    /** A configured base URL without its trailing slashes, or "" (the page's own origin). */
    static String url(Optional<String> configured) {
        return configured.map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", "")).orElse("");
    }

    static Optional<String> issuer(InsightsConfig.Page page) {
        String issuer = url(page.oidcIssuer());
        return issuer.isEmpty() ? Optional.empty() : Optional.of(issuer);
    }

    /** Every other origin the page may connect to (scheme, host and port), for its connect-src. */
    static Set<String> others(InsightsConfig.Page page) {
        Set<String> out = new LinkedHashSet<>();
        for (String url : new String[] {url(page.routinesUrl()), url(page.eventsUrl()), issuer(page).orElse("")}) {
            if (!url.isEmpty()) {
                URI uri = URI.create(url);
                out.add(uri.getScheme() + "://" + uri.getRawAuthority());
            }
        }
        return out;
    }
}
