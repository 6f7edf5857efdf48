package dev.sukha.session.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTest {

    @Test
    void eachRequestGetsItsOwnPartOfTheAnswerWhateverCommandCarriedIt() throws Exception {
        AtomicInteger commands = new AtomicInteger();
        try (GroupCommit<Integer, Integer> squares = new GroupCommit<>("squares", inputs -> {
            commands.incrementAndGet();
            return inputs.stream().map(i -> i * i).toList();
        }, 16, Duration.ZERO, 1024, new SimpleMeterRegistry())) {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                answers.add(squares.submit(i));
            }
            for (int i = 0; i < 500; i++) {
                assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
            assertThat(commands.get()).as("commands carrying many requests each").isBetween(32, 499);
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, Integer> stuck = new GroupCommit<>("stuck", inputs -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inputs;
        }, 1, Duration.ZERO, 2, new SimpleMeterRegistry())) {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(stuck.submit(i));
            }
            assertThat(answers.stream().filter(f -> f.isCompletedExceptionally()).count()).as("refused at once").isGreaterThanOrEqualTo(7);
            release.countDown();
        }
    }
}
