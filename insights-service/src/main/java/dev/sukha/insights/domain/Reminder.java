package dev.sukha.insights.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reminder a person asked for: the days of the week, the local time, their zone, and where to push it (the browser's
 * push subscription: its endpoint and the keys that encrypt the payload for it alone).
 */
public record Reminder(Set<DayOfWeek> days, LocalTime time, ZoneId zone, Subscription subscription) {

    public Reminder {
        days = days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
    }

    /** A Web Push subscription (RFC 8030 endpoint; RFC 8291 keys, base64url without padding). */
    public record Subscription(String endpoint, String p256dh, String auth) {
    }

    /** A reminder as sent: text, so that a wrong value is named. */
    public record Form(List<String> days, String time, String zone, String endpoint, String p256dh, String auth) {
    }

    public record Error(String field, String message) {
    }

    public record Checked(Reminder reminder, List<Error> errors) {
    }

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+=*");

    /** Every wrong field at once; a reminder only when there is none. */
    public static Checked check(Form f, Set<String> knownZones) {
        List<Error> errors = new ArrayList<>();
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (f.days() == null || f.days().isEmpty()) {
            errors.add(new Error("days", "name at least one day, e.g. [\"MONDAY\", \"THURSDAY\"]"));
        } else {
            for (int i = 0; i < f.days().size(); i++) {
                try {
                    days.add(DayOfWeek.valueOf(String.valueOf(f.days().get(i))));
                } catch (IllegalArgumentException e) {
                    errors.add(new Error("days[" + i + "]", "a day of the week in capitals, MONDAY to SUNDAY"));
                }
            }
        }
        if (f.time() == null || !TIME.matcher(f.time()).matches()) {
            errors.add(new Error("time", "a local time as HH:MM, 00:00 to 23:59"));
        }
        if (f.zone() == null || !knownZones.contains(f.zone())) {
            errors.add(new Error("zone", "an IANA time zone, e.g. Europe/Berlin"));
        }
        if (!pushEndpoint(f.endpoint())) {
            errors.add(new Error("subscription.endpoint", "the push service's https URL the browser gave"));
        }
        if (!key(f.p256dh(), 65, (byte) 4)) {
            errors.add(new Error("subscription.keys.p256dh", "the browser's P-256 public key, 65 bytes in base64url"));
        }
        if (!key(f.auth(), 16, null)) {
            errors.add(new Error("subscription.keys.auth", "the browser's 16-byte authentication secret in base64url"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new Reminder(days, LocalTime.parse(f.time()), ZoneId.of(f.zone()),
                new Subscription(f.endpoint(), f.p256dh(), f.auth())), List.of());
    }

    /**
     * A push service speaks https; plain http is taken for the device itself only (a push receiver on the same machine,
     * as the local stack's tests run one).
     */
    static boolean pushEndpoint(String endpoint) {
        if (endpoint == null || endpoint.length() > 2048) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(endpoint);
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                return false;
            }
            return "https".equals(uri.getScheme())
                    || "http".equals(uri.getScheme()) && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean key(String value, int bytes, Byte first) {
        if (value == null || value.length() > 200 || !BASE64URL.matcher(value).matches()) {
            return false;
        }
        try {
            byte[] raw = java.util.Base64.getUrlDecoder().decode(value.replace("=", ""));
            return raw.length == bytes && (first == null || raw[0] == first);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
