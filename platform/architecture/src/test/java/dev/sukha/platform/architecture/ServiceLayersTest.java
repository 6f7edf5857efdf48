package dev.sukha.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules pass a small service that keeps its layers, and catch each kind of arrow back up added to it. */
class ServiceLayersTest {

    private static final String BASE = "dev.sukha.platform.architecture.fixture";

    /** The fixture's classes, and more given by name (each a class that breaks a rule). */
    private static JavaClasses fixtureWith(Class<?>... more) {
        List<Class<?>> all = new ArrayList<>(List.of(dev.sukha.platform.architecture.fixture.api.Resource.class,
                dev.sukha.platform.architecture.fixture.messaging.Announcer.class,
                dev.sukha.platform.architecture.fixture.usecase.UseCase.class,
                dev.sukha.platform.architecture.fixture.usecase.Notices.class,
                dev.sukha.platform.architecture.fixture.store.Store.class,
                dev.sukha.platform.architecture.fixture.domain.Rule.class));
        all.addAll(List.of(more));
        return new ClassFileImporter().importClasses(all);
    }

    @Test
    void aServiceThatKeepsItsLayersPasses() {
        assertThat(ServiceLayers.violations(BASE, fixtureWith())).isEmpty();
    }

    @Test
    void aUseCaseImportingMessagingIsAnArrowBackUp() {
        assertThat(ServiceLayers.violations(BASE, fixtureWith(dev.sukha.platform.architecture.fixture.usecase.UseCaseTellingKafka.class)))
                .anySatisfy(v -> assertThat(v).startsWith("use cases import neither messaging nor the API")
                        .contains("UseCaseTellingKafka").contains("Announcer"))
                .anySatisfy(v -> assertThat(v).startsWith("no two packages import each other"));
    }

    @Test
    void theStoreImportingAUseCaseAndTheDomainImportingJacksonAreCaught() {
        assertThat(ServiceLayers.violations(BASE, fixtureWith(dev.sukha.platform.architecture.fixture.store.StoreCallingAUseCase.class,
                dev.sukha.platform.architecture.fixture.domain.JsonRule.class)))
                .anySatisfy(v -> assertThat(v).startsWith("the store imports no use case").contains("StoreCallingAUseCase"))
                .anySatisfy(v -> assertThat(v).startsWith("the domain imports no framework").contains("com.fasterxml"));
    }
}
