package dev.sukha.insights.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The partitions of {@code figure-changes} this instance reads now, as its consumer is told them (on
 * the polling thread, without waiting for it): where {@link FigureChanges} sends its probes.
 */
@ApplicationScoped
@Identifier(ChangesAssignment.NAME)
public class ChangesAssignment implements KafkaConsumerRebalanceListener {

    static final String NAME = "figure-changes-assignment";

    private volatile Set<Integer> partitions = Set.of();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        change(assigned, true);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        change(revoked, false);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        change(lost, false);
    }

    private synchronized void change(Collection<TopicPartition> which, boolean add) {
        Set<Integer> now = new HashSet<>(partitions);
        for (TopicPartition tp : which) {
            if (FigureChanges.TOPIC.equals(tp.topic())) {
                if (add) {
                    now.add(tp.partition());
                } else {
                    now.remove(tp.partition());
                }
            }
        }
        partitions = Set.copyOf(now);
    }

    /** The partitions read now. */
    public Set<Integer> partitions() {
        return partitions;
    }
}
