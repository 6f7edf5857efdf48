package dev.sukha.insights.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** insights-service's own settings ({@code sukha.*} in application.properties, or the environment). */
@ConfigMapping(prefix = "sukha")
public interface InsightsConfig {

    Bench bench();

    interface Bench {
        /** {@code /v1/bench/noop}, the benchmark's baseline; off (404) unless set. */
        @WithDefault("false")
        boolean endpoints();
    }
}
