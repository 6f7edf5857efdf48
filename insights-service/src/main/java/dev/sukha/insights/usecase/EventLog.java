package dev.sukha.insights.usecase;

import dev.sukha.insights.store.PersonSeal;
import dev.sukha.insights.store.ProjectionWriter;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every practice event recorded, read from the start for a rebuild (implemented by messaging's
 * {@code PracticeEventsReplay} on the {@code practice-events} topic): owned here so that the rebuild never imports
 * the messaging that reads it.
 */
public interface EventLog {

    /** Records read so far, of how many, and how many were skipped (poison, or an erased person's). */
    record Progress(long processed, long total, long skipped) {
    }

    /** An open reading; {@link #readTo} may be called again to go on to a later end. */
    interface Reader extends AutoCloseable {

        /** Reads from where it is to the log's current end, handing each batch and its people's seals to {@code sink}. */
        void readTo(BiConsumer<List<ProjectionWriter.Incoming>, Function<String, PersonSeal>> sink, Consumer<Progress> progress);

        @Override
        void close();
    }

    Reader open();
}
