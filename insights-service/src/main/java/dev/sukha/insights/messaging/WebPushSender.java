package dev.sukha.insights.messaging;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.insights.domain.Reminder;
import dev.sukha.insights.usecase.PushService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Reminders over the Web Push protocol: the payload encrypted for the subscription alone (RFC 8291, aes128gcm) and
 * the request signed with our VAPID key (RFC 8292), both by the interaso webpush library; the request is ours, so
 * that a push service that does not answer holds a sweep for seconds, not forever.
 * <p>
 * The VAPID key pair is a file of two lines (public key X.509, private key PKCS#8, base64url) from a Secret; the local
 * stack generates its own.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // a missing key pair stops the start, loudly, instead of the first reminder's GET
public class WebPushSender implements PushService {

    /** How long a push service keeps an undelivered reminder: past the hour it is no help. */
    static final int TTL_SECONDS = 3600;

    private final WebPush webPush;
    private final String publicKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebPushSender(InsightsConfig config) {
        Path path = config.push().vapidKeysLocation();
        if (!config.push().generateKeys() && !Files.isReadable(path)) {
            throw new IllegalStateException("No VAPID key pair at " + path + " (sukha.push.vapid-keys-location): "
                    + "create the Secret sukha-push-vapid (deploy/README.md)");
        }
        VapidKeys keys = VapidKeys.load(path, config.push().generateKeys());
        this.webPush = new WebPush(config.push().subject(), keys);
        this.publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
    }

    @Override
    public Outcome push(Reminder.Subscription to, String payload) {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] body = webPush.getBody(payload.getBytes(StandardCharsets.UTF_8), b64.decode(strip(to.p256dh())), b64.decode(strip(to.auth())));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.endpoint())).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webPush.getHeaders(to.endpoint(), TTL_SECONDS, null, WebPush.Urgency.Normal).forEach(request::setHeader);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return switch (webPush.getSubscriptionState(response.statusCode(), response.body())) {
            case ACTIVE -> Outcome.DELIVERED;
            case EXPIRED -> Outcome.GONE;
        };
    }

    private static String strip(String base64url) {
        return base64url.replace("=", "");
    }

    @Override
    public String publicKey() {
        return publicKey;
    }
}
