package dev.sukha.platform.sealing;

import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** When a batch's writes must be swept after the fact, and which plain records a person's state still lets through. */
class PersonKeyStateTest {

    private static final Date MONDAY = new Date(1_700_000_000_000L);
    private static final Date TUESDAY = new Date(1_700_086_400_000L);

    private static final PersonKeyDocuments.State NONE = PersonKeyDocuments.State.none("alice");

    private static PersonKeyDocuments.State live(String keyId, Date erasedAt) {
        return new PersonKeyDocuments.State("alice", keyId, "k:wrapped", false, erasedAt);
    }

    private static PersonKeyDocuments.State keyless(boolean erasing, Date erasedAt) {
        return new PersonKeyDocuments.State("alice", null, null, erasing, erasedAt);
    }

    @Test
    void aKeyMadeMeanwhileIsNoErasure() {
        assertThat(live("k1", null).erasedSince(NONE)).isFalse();
        assertThat(live("k1", null).erasedSince(live("k1", null))).isFalse();
        // Erased long ago, back since: the same key still, nothing new.
        assertThat(live("k2", MONDAY).erasedSince(live("k2", MONDAY))).isFalse();
    }

    @Test
    void anErasureUnderWayFinishedOrFollowedByANewKeyIsOne() {
        assertThat(keyless(true, TUESDAY).erasedSince(live("k1", null))).isTrue();
        assertThat(keyless(false, TUESDAY).erasedSince(live("k1", null))).isTrue();
        assertThat(live("k2", TUESDAY).erasedSince(live("k1", null))).isTrue();
        assertThat(live("k3", TUESDAY).erasedSince(live("k2", MONDAY))).isTrue();
        // A person with only plain records, never keyed, erased meanwhile.
        assertThat(keyless(false, TUESDAY).erasedSince(NONE)).isTrue();
    }

    @Test
    void onlyAKeyThatIsThereAndNotBeingErasedIsLive() {
        assertThat(live("k1", null).live()).isTrue();
        assertThat(live("k2", MONDAY).live()).isTrue();
        assertThat(NONE.live()).isFalse();
        assertThat(keyless(true, MONDAY).live()).isFalse();
        assertThat(new PersonKeyDocuments.State("alice", "k1", "k:wrapped", true, MONDAY).live()).isFalse();
    }

    @Test
    void plainRecordsAreReadableOnlyForSomeoneNeverErased() {
        assertThat(NONE.plainReadable()).isTrue();
        assertThat(live("k1", null).plainReadable()).isTrue();
        assertThat(live("k2", MONDAY).plainReadable()).isFalse();
        assertThat(keyless(true, MONDAY).plainReadable()).isFalse();
    }
}
