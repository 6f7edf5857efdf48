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

    /**
     * Tokens one client address may send that fail verification, refilled at this rate a second
     * ({@code sukha.verified-tokens.failures-per-second}); past it, its unknown tokens are refused (429) before any
     * signature is checked. 0 turns the budget off.
     */
    @WithDefault("2")
    double failuresPerSecond();

    /** How many failed verifications an address may send at once before the rate applies. */
    @WithDefault("30")
    long failuresBurst();
}
