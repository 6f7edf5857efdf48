package dev.sukha.insights.store;

import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.platform.sealing.SealedValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.function.Function;

/** Where a read or a change of settings finds the person's {@link PersonSeal}. */
@ApplicationScoped
public class PersonSeals {

    private final Function<String, Optional<SealedValues>> remembered;
    private final Function<String, Optional<SealedValues>> fresh;
    private final Function<String, SealedValues> forWriting;

    @Inject
    public PersonSeals(PersonKeys keys) {
        this(user -> keys.forReading(user, false), user -> keys.forReading(user, true), keys::forWriting);
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
