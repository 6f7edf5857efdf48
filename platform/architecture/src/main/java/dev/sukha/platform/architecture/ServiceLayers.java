package dev.sukha.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The one way a service's packages import each other, the same in every service (packages by role under
 * {@code dev.sukha.<service>}):
 * <ul>
 * <li>{@code api} is the top: nothing imports it;</li>
 * <li>use cases never import messaging or the API: what they tell or read through Kafka is an interface they own,
 * which messaging implements (inbound messaging calls use cases, as the API does);</li>
 * <li>the store (and the person keys) import neither use cases, messaging nor the API;</li>
 * <li>the domain imports nothing else of the service and no framework — no Jackson, Quarkus, Jakarta, Kafka,
 * MongoDB, SmallRye, Vert.x, MicroProfile, Micrometer or OpenTelemetry: its rules are plain Java;</li>
 * <li>and no two packages import each other, however indirectly.</li>
 * </ul>
 * Each service's {@code ArchitectureTest} checks its main classes against these.
 */
public final class ServiceLayers {

    private static final String[] FRAMEWORKS = {"com.fasterxml..", "io.quarkus..", "jakarta..", "org.apache.kafka..",
            "com.mongodb..", "org.bson..", "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..", "io.micrometer..",
            "io.opentelemetry..", "org.jboss.."};

    private ServiceLayers() {
    }

    /** The rules for the service whose packages are under {@code base} (e.g. {@code dev.sukha.insights}). */
    public static List<ArchRule> rules(String base) {
        String api = base + ".api..";
        String usecase = base + ".usecase..";
        String messaging = base + ".messaging..";
        String store = base + ".store..";
        String keys = base + ".keys..";
        String domain = base + ".domain..";
        String config = base + ".config..";
        return List.of(
                noClasses().that().resideOutsideOfPackage(api).should().dependOnClassesThat().resideInAPackage(api)
                        .as("nothing imports the API").allowEmptyShould(true),
                noClasses().that().resideInAPackage(usecase).should().dependOnClassesThat().resideInAnyPackage(messaging, api)
                        .as("use cases import neither messaging nor the API").allowEmptyShould(true),
                noClasses().that().resideInAnyPackage(store, keys).should().dependOnClassesThat()
                        .resideInAnyPackage(usecase, messaging, api).as("the store imports no use case, messaging or API")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(domain).should().dependOnClassesThat()
                        .resideInAnyPackage(api, usecase, messaging, store, keys, config)
                        .as("the domain imports nothing else of the service").allowEmptyShould(true),
                noClasses().that().resideInAPackage(domain).should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                        .as("the domain imports no framework").allowEmptyShould(true),
                slices().matching(base + ".(*)..").should().beFreeOfCycles().as("no two packages import each other")
                        .allowEmptyShould(true));
    }

    /** The service's main classes (no tests) under {@code base}. */
    public static JavaClasses classesOf(String base) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base);
    }

    /** Every rule broken by {@code classes}, with each offending import; empty when the layers hold. */
    public static List<String> violations(String base, JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (ArchRule rule : rules(base)) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                found.add(rule.getDescription() + ":\n  " + String.join("\n  ", result.getFailureReport().getDetails()));
            }
        }
        return found;
    }

    /** Throws, naming every offending import, unless the service under {@code base} keeps its layers. */
    public static void check(String base) {
        JavaClasses classes = classesOf(base);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + base + ": the rules would check nothing");
        }
        List<String> broken = violations(base, classes);
        if (!broken.isEmpty()) {
            throw new AssertionError("the layers of " + base + " are broken:\n" + String.join("\n", broken));
        }
    }
}
