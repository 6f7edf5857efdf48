package dev.sukha.insights.usecase;

import dev.sukha.insights.store.Revisions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remembered revisions against a plain reference store (a number per person and the catalogue's):
 * remembered only while what is heard is up to the moment, forgotten when told, and never older than
 * the store once every change has been told — also when a change is told while its person is being
 * read, or everything is forgotten meanwhile.
 */
class RememberedRevisionsTest {

    private final Map<String, AtomicLong> store = new ConcurrentHashMap<>();
    private final AtomicLong catalogue = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ChangeWatermark heard = new ChangeWatermark(2_000);
    private volatile CountDownLatch holdReads;
    private final RememberedRevisions remembered = new RememberedRevisions(this::person, () -> {
        reads.incrementAndGet();
        return catalogue.get();
    }, u -> new Revisions.Snapshot("e", figures(u), 0, catalogue.get()), 10_000, 60_000, heard, now::get);

    private Revisions.Snapshot person(String user) {
        reads.incrementAndGet();
        long figures = figures(user);
        CountDownLatch hold = holdReads;
        if (hold != null) {
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Revisions.Snapshot("e", figures, 0, 0);
    }

    private long figures(String user) {
        return store.computeIfAbsent(user, u -> new AtomicLong()).get();
    }

    private void hearUpToNow() {
        heard.assigned(Set.of(0));
        heard.heard(0, now.get(), now.get());
    }

    @Test
    void remembersOnlyWhileWhatIsHeardIsUpToTheMoment() {
        remembered.snapshot("ana", false);
        remembered.snapshot("ana", false);
        assertThat(reads).as("nothing heard yet: every read goes to the store").hasValue(2);

        hearUpToNow();
        remembered.snapshot("ana", false);
        remembered.snapshot("ana", false);
        assertThat(reads).as("read once, then remembered").hasValue(3);

        now.addAndGet(2_000);
        remembered.snapshot("ana", false);
        assertThat(reads).as("no probe heard for 2 s: to the store again").hasValue(4);
    }

    @Test
    void aToldChangeIsForgottenAndTheNextReadSeesIt() {
        hearUpToNow();
        assertThat(remembered.snapshot("ana", false).figures()).isZero();
        store.get("ana").incrementAndGet();
        assertThat(remembered.snapshot("ana", false).figures()).as("not told yet").isZero();
        remembered.forget("ana");
        assertThat(remembered.snapshot("ana", false).figures()).isEqualTo(1);
        assertThat(remembered.snapshot("bo", false).figures()).isZero();
    }

    @Test
    void theCatalogueIsRememberedBesideEachPersonAndForgottenWithEveryone() {
        hearUpToNow();
        assertThat(remembered.snapshot("ana", true).catalogue()).isZero();
        int before = reads.get();
        remembered.snapshot("ana", true);
        remembered.snapshot("bo", true);
        assertThat(reads.get() - before).as("bo's numbers only").isEqualTo(1);
        catalogue.set(5);
        remembered.forgetAll();
        assertThat(remembered.snapshot("ana", true).catalogue()).isEqualTo(5);
    }

    @Test
    void nothingIsRememberedLongerThanAllowed() {
        hearUpToNow();
        remembered.snapshot("ana", false);
        store.get("ana").incrementAndGet();
        now.addAndGet(59_000);
        heard.heard(0, now.get(), now.get());
        assertThat(remembered.snapshot("ana", false).figures()).as("59 s: still remembered").isZero();
        now.addAndGet(1_000);
        heard.heard(0, now.get(), now.get());
        assertThat(remembered.snapshot("ana", false).figures()).as("60 s: read again").isEqualTo(1);
    }

    @Test
    void aChangeToldWhileItsPersonIsBeingReadIsNotLostToThatRead() throws Exception {
        assertThat(oldReadOutlivesChange(() -> remembered.forget("ana"))).isEqualTo(1);
    }

    @Test
    void forgettingEveryoneWhileSomeoneIsBeingReadLeavesThatReadUnused() throws Exception {
        assertThat(oldReadOutlivesChange(remembered::forgetAll)).isEqualTo(1);
    }

    /** A read of ana's old number held up, her change written and told meanwhile: what a read sees afterwards. */
    private long oldReadOutlivesChange(Runnable tell) throws Exception {
        hearUpToNow();
        store.put("ana", new AtomicLong());
        holdReads = new CountDownLatch(1);
        Thread reader = new Thread(() -> remembered.snapshot("ana", false));
        reader.start();
        while (reads.get() == 0) {
            Thread.onSpinWait();
        }
        // The read has its old number; now the change is written, and told.
        store.get("ana").incrementAndGet();
        Thread teller = new Thread(tell);
        teller.start();
        Thread.sleep(50);
        holdReads.countDown();
        holdReads = null;
        reader.join(5_000);
        teller.join(5_000);
        return remembered.snapshot("ana", false).figures();
    }

    @Test
    void onceEveryChangeIsToldEveryReadSeesTheStore() throws Exception {
        hearUpToNow();
        List<String> people = List.of("a", "b", "c", "d", "e");
        List<Thread> threads = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        for (int w = 0; w < 2; w++) {
            Random r = new Random(w);
            threads.add(new Thread(() -> {
                while (System.nanoTime() < until) {
                    String p = people.get(r.nextInt(people.size()));
                    // As production: the change is written, then told.
                    store.computeIfAbsent(p, u -> new AtomicLong()).incrementAndGet();
                    if (r.nextInt(20) == 0) {
                        remembered.forgetAll();
                    } else {
                        remembered.forget(p);
                    }
                }
            }));
        }
        AtomicInteger asked = new AtomicInteger();
        for (int rd = 0; rd < 3; rd++) {
            Random r = new Random(100 + rd);
            threads.add(new Thread(() -> {
                while (System.nanoTime() < until) {
                    remembered.snapshot(people.get(r.nextInt(people.size())), r.nextBoolean());
                    asked.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
        }
        for (String p : people) {
            assertThat(remembered.snapshot(p, false).figures()).as(p).isEqualTo(store.get(p).get());
        }
        assertThat(reads.get()).as("some reads were answered from memory, some from the store").isPositive().isLessThan(asked.get());
    }
}
