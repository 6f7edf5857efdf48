package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderTest {

    private static final Set<String> ZONES = Set.of("Europe/Berlin", "UTC");
    private static final String P256DH = Base64.getUrlEncoder().withoutPadding().encodeToString(key(65, (byte) 4));
    private static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(key(16, (byte) 9));

    private static byte[] key(int n, byte first) {
        byte[] k = new byte[n];
        k[0] = first;
        return k;
    }

    @Test
    void aBrowsersSubscriptionAndAChoiceAreKept() {
        Reminder.Checked c = Reminder.check(new Reminder.Form(List.of("FRIDAY", "MONDAY"), "07:30", "Europe/Berlin",
                "https://fcm.googleapis.com/fcm/send/abc", P256DH, AUTH), ZONES);
        assertThat(c.errors()).isEmpty();
        assertThat(c.reminder().days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(c.reminder().time()).isEqualTo(LocalTime.of(7, 30));
    }

    @Test
    void everyWrongFieldIsNamed() {
        Reminder.Checked c = Reminder.check(new Reminder.Form(List.of(), "24:00", null, "ftp://push.example.net/x",
                AUTH, P256DH), ZONES);
        assertThat(c.reminder()).isNull();
        assertThat(c.errors()).extracting(Reminder.Error::field)
                .containsExactly("days", "time", "zone", "subscription.endpoint", "subscription.keys.p256dh", "subscription.keys.auth");
    }

    @Test
    void plainHttpOnlyToThisMachine() {
        assertThat(Reminder.pushEndpoint("http://127.0.0.1:9999/push/a")).isTrue();
        assertThat(Reminder.pushEndpoint("http://push.example.net/a")).isFalse();
        assertThat(Reminder.pushEndpoint("https://user:pw@push.example.net/a")).isFalse();
        assertThat(Reminder.pushEndpoint("https://push.example.net/a")).isTrue();
    }
}
