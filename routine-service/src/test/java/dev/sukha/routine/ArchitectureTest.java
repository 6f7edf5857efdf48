package dev.sukha.routine;

import dev.sukha.platform.architecture.ServiceLayers;
import org.junit.jupiter.api.Test;

/** The packages of routine-service import one way, and its domain is plain Java (platform/architecture's rules). */
class ArchitectureTest {

    @Test
    void thePackagesImportOneWayAndTheDomainKnowsNoFramework() {
        ServiceLayers.check("dev.sukha.routine");
    }
}
