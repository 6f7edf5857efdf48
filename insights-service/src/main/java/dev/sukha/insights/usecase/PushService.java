package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Reminder;

/** Where reminders go: a browser's push service, by the Web Push protocol. */
public interface PushService {

    enum Outcome { DELIVERED, GONE }

    /**
     * Pushes {@code payload} to the subscription, encrypted for it alone; {@link Outcome#GONE} when the push service
     * says the subscription no longer exists (404, 410). Any other failure is thrown.
     */
    Outcome push(Reminder.Subscription to, String payload);

    /** The application server's public key (VAPID), base64url: what a browser subscribes with. */
    String publicKey();
}
