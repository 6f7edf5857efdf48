package dev.sukha.platform.tokens;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How many verified tokens are remembered, and for how long at most ({@code sukha.verified-tokens.*}). */
@ConfigMapping(prefix = "sukha.verified-tokens")
public interface VerifiedTokensConfig {

    /** 0 remembers none: every request's token is verified again. */
    @WithDefault("10000")
    long max();

    @WithDefault("5m")
    Duration keep();
}
