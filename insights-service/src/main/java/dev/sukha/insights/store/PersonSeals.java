package dev.sukha.insights.store;

import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.platform.sealing.SealedValues;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** Where a read or a change of settings finds the person's {@link PersonSeal}. */
@ApplicationScoped
public class PersonSeals {

    private final Function<String, Optional<SealedValues>> remembered;
    private final Function<String, Optional<SealedValues>> fresh;
    private final Function<String, SealedValues> forWriting;

    @Inject
    public PersonSeals(PersonKeys keys, MeterRegistry metrics) {
        this(user -> keys.forReading(user, false), user -> keys.forReading(user, true), keys::forWriting);
        FunctionCounter.builder("sukha.insights.sealed.values.opened", PersonSeal.OPENED, LongAdder::sum)
                .description("Sealed values of the projection opened, by reads and by the consumer").register(metrics);
        FunctionCounter.builder("sukha.insights.sealed.values.open", PersonSeal.OPEN_NANOS, n -> n.sum() / 1e9)
                .baseUnit("seconds").description("Time spent opening sealed values of the projection").register(metrics);
    }

    /** Keys found elsewhere: in tests, one fixed key per person. */
    public PersonSeals(Function<String, SealedValues> keyOf) {
        this(user -> Optional.of(keyOf.apply(user)), user -> Optional.of(keyOf.apply(user)), keyOf);
    }

    private PersonSeals(Function<String, Optional<SealedValues>> remembered, Function<String, Optional<SealedValues>> fresh,
                        Function<String, SealedValues> forWriting) {
        this.remembered = remembered;
        this.fresh = fresh;
        this.forWriting = forWriting;
    }

    /** To open what is stored of the person: with the key remembered, read again once if a value does not open. */
    public PersonSeal forReading(String user) {
        return PersonSeal.forReading(user, remembered.apply(user).orElse(null), () -> fresh.apply(user));
    }

    /** To seal a change of the person's settings: their live key, made now if they have none. */
    public PersonSeal forWriting(String user) {
        return PersonSeal.of(user, forWriting.apply(user));
    }
}
