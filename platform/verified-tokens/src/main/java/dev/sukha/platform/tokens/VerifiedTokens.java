package dev.sukha.platform.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * smallrye-jwt's parser, remembering the tokens it has verified: a client sends the same token with
 * every request for its lifetime, and verifying its RSA signature each time was a third of what a
 * request cost (and all of what refusing a flood costs). A token is found again only by its exact
 * text, so only someone holding it gets the remembered verdict; a remembered token past its
 * {@code exp} is refused as before, and one that never verified is never remembered. At most
 * {@code sukha.verified-tokens.max} tokens are kept, each at most {@code sukha.verified-tokens.keep}
 * (by default 5 minutes), so that a change of the issuer's keys reaches every token within that.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private final DefaultJWTParser parser;
    private final Cache<String, JsonWebToken> verified;
    private final Clock clock;

    @Inject
    public VerifiedTokens(DefaultJWTParser parser, MeterRegistry registry, VerifiedTokensConfig config) {
        this(parser, registry, config.max(), config.keep(), Clock.systemUTC());
    }

    VerifiedTokens(DefaultJWTParser parser, MeterRegistry registry, long max, Duration keep, Clock clock) {
        this.parser = parser;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(max).expireAfterWrite(keep).recordStats().build();
        registry.gaugeMapSize("sukha_verified_tokens", java.util.List.of(), verified.asMap());
        registry.more().counter("sukha_verified_tokens_hits", java.util.List.of(), verified, c -> c.stats().hitCount());
    }

    /** Whether this exact token was verified here and is still within its lifetime: it costs nothing to accept. */
    public boolean known(String token) {
        // Through the map view: a look here is not a hit of the cache (the hits count verifications saved).
        JsonWebToken known = verified.asMap().get(token);
        return known != null && known.getExpirationTime() > clock.instant().getEpochSecond();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            if (known.getExpirationTime() > clock.instant().getEpochSecond()) {
                return known;
            }
            verified.invalidate(token);
        }
        JsonWebToken fresh = parser.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
