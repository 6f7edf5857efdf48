package dev.sukha.insights.messaging;

import dev.sukha.insights.domain.Figure;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.PoseLibrary;
import dev.sukha.insights.store.RoutineTitles;
import dev.sukha.insights.usecase.ChangeNotices;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Keeps insights' catalogue view (titles, step counts, and the names and areas of the poses
 * routines use) from the compacted routines
 * topic. Failure strategy: an unreadable record goes to {@code routines-dlq} (configured).
 */
@ApplicationScoped
public class RoutineConsumer {

    private final FigureChanges changes;

    public static final String CHANNEL = "routines-in";

    private final RoutineTitles titles;
    private final PoseLibrary poses;
    private final ObjectMapper json;

    public RoutineConsumer(RoutineTitles titles, PoseLibrary poses, ObjectMapper json, FigureChanges changes) {
        this.changes = changes;
        this.titles = titles;
        this.poses = poses;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(Record<String, String> record) throws Exception {
        RoutineRecordReader.Read read = RoutineRecordReader.read(record.key(), json.readTree(record.value()));
        titles.record(read.id(), read.version(), read.title(), read.stepCounts(), read.plan());
        poses.record(read.poses());
        // Titles and pose names are in some figures: anyone's may read differently now.
        changes.changed(List.of(ChangeNotices.EVERYONE), Figure.FROM_CATALOGUE);
    }
}
