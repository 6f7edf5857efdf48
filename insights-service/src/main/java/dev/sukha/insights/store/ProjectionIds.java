package dev.sukha.insights.store;

import dev.sukha.insights.domain.IsoWeek;

/**
 * The {@code _id}s of the projection collection. Everything is found by {@code _id}
 * (the local store ignores secondary indexes; real MongoDB answers {@code _id} lookups and
 * prefix ranges from its one mandatory index):
 * <pre>
 *   {gen}|{user}                    a person's summary: their history, year by year
 *   {gen}|{user}|y{year}            a year: its weeks' summaries
 *   {gen}|{user}|w{2026-W48}        a week: its sessions' facts
 *   {gen}|{user}|e{2026-W48}        a week's events, by session
 *   {gen}|{user}|s{sessionId}       a session whose events do not say their week, until its start does
 *   p|{user}                        a person's settings (weekly goal, pauses); not rebuilt, so outside any generation
 * </pre>
 * {@code gen} is the projection's generation: a rebuild fills the next one while reads go
 * on against the live one. The user id is escaped so that it never contains {@code |}.
 */
public final class ProjectionIds {

    private ProjectionIds() {
    }

    static String escape(String user) {
        return user.replace("%", "%25").replace("|", "%7C");
    }

    public static String summary(long gen, String user) {
        return gen + "|" + escape(user);
    }

    public static String year(long gen, String user, int year) {
        return summary(gen, user) + "|y" + year;
    }

    public static String week(long gen, String user, IsoWeek week) {
        return summary(gen, user) + "|w" + week;
    }

    public static String weekEvents(long gen, String user, IsoWeek week) {
        return summary(gen, user) + "|e" + week;
    }

    public static String session(long gen, String user, String sessionId) {
        return summary(gen, user) + "|s" + sessionId;
    }

    /**
     * Whose a document of this collection is: the user of a settings document or of a generation's document; null
     * for the shared ones ({@code c|...}).
     */
    public static String userOf(String id) {
        String[] parts = id.split("\\|", -1);
        if (parts.length < 2 || !(parts[0].equals("p") || parts[0].chars().allMatch(Character::isDigit)) || parts[0].isEmpty()) {
            return null;
        }
        return parts[1].replace("%7C", "|").replace("%25", "%");
    }

    public static String settings(String user) {
        return "p|" + escape(user);
    }

    /** The first {@code _id} of a generation, and the first after it ({@code '}'} follows {@code '|'}). */
    static String[] generationRange(long gen) {
        return new String[]{gen + "|", gen + "}"};
    }

    /** A person's documents of a generation other than the summary itself. */
    static String[] personRange(long gen, String user) {
        return new String[]{summary(gen, user) + "|", summary(gen, user) + "}"};
    }
}
