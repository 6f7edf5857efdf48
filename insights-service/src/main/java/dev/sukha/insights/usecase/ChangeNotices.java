package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;

import java.util.Collection;
import java.util.Set;

/**
 * What the use cases tell about changed figures, to every instance and every open stream (implemented by
 * messaging's {@code FigureChanges} on the {@code figure-changes} topic). Owned here so that use cases never
 * import the messaging that carries it.
 */
public interface ChangeNotices {

    /** A person key for everyone: their figures may all have changed (a rebuild's switch, the catalogue). */
    String EVERYONE = "*";

    /** {@code figures} of these people changed. */
    void changed(Collection<String> people, Set<Figure> figures);

    /** This person was erased: their streams end and what any instance remembers of them goes. */
    void erased(String person);
}
