package dev.sukha.insights.messaging;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The record's slug check (routine and pose ids) says what the schema's pattern says. */
class SlugTest {

    private static final Pattern SCHEMA = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Test
    void examples() {
        assertThat(PracticeRecord.isSlug("upper-back-release")).isTrue();
        assertThat(PracticeRecord.isSlug("cat-cow-2")).isTrue();
        assertThat(PracticeRecord.isSlug("a")).isTrue();
        for (String bad : new String[]{"", "-a", "a-", "a--b", "Cat-cow", "cat cow", "cat_cow", "café"}) {
            assertThat(PracticeRecord.isSlug(bad)).as(bad).isFalse();
        }
    }

    @Property(tries = 5000)
    void agreesWithTheSchemasPattern(@ForAll("texts") String text) {
        boolean expected = SCHEMA.matcher(text).matches();
        Statistics.label("slug").collect(expected);
        Statistics.label("slug").coverage(c -> c.check(true).percentage(p -> p > 5));
        assertThat(PracticeRecord.isSlug(text)).as(text).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab09-").withChars('Z', ' ', '_').ofMinLength(0).ofMaxLength(12)
                .edgeCases(c -> c.add("-").add("--"));
    }
}
