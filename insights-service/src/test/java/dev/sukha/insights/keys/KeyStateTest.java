package dev.sukha.insights.keys;

import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** When a batch's writes must be swept after the fact, and which plain records a person's state still lets through. */
class KeyStateTest {

    private static final Date MONDAY = new Date(1_700_000_000_000L);
    private static final Date TUESDAY = new Date(1_700_086_400_000L);

    private static PersonKeys.KeyState live(String keyId, Date erasedAt) {
        return new PersonKeys.KeyState("alice", keyId, false, erasedAt, "k:wrapped");
    }

    @Test
    void aKeyMadeMeanwhileIsNoErasure() {
        assertThat(live("k1", null).erasedSince(PersonKeys.KeyState.NONE)).isFalse();
        assertThat(live("k1", null).erasedSince(live("k1", null))).isFalse();
        // Erased long ago, back since: the same key still, nothing new.
        assertThat(live("k2", MONDAY).erasedSince(live("k2", MONDAY))).isFalse();
    }

    @Test
    void anErasureUnderWayFinishedOrFollowedByANewKeyIsOne() {
        assertThat(new PersonKeys.KeyState("alice", null, true, TUESDAY, null).erasedSince(live("k1", null))).isTrue();
        assertThat(new PersonKeys.KeyState("alice", null, false, TUESDAY, null).erasedSince(live("k1", null))).isTrue();
        assertThat(live("k2", TUESDAY).erasedSince(live("k1", null))).isTrue();
        assertThat(live("k3", TUESDAY).erasedSince(live("k2", MONDAY))).isTrue();
        // A person with only plain records, never keyed, erased meanwhile.
        assertThat(new PersonKeys.KeyState("alice", null, false, TUESDAY, null).erasedSince(PersonKeys.KeyState.NONE)).isTrue();
    }

    @Test
    void plainRecordsAreReadableOnlyForSomeoneNeverErased() {
        assertThat(PersonKeys.KeyState.NONE.plainReadable()).isTrue();
        assertThat(live("k1", null).plainReadable()).isTrue();
        assertThat(live("k2", MONDAY).plainReadable()).isFalse();
        assertThat(new PersonKeys.KeyState("alice", null, true, MONDAY, null).plainReadable()).isFalse();
    }
}
