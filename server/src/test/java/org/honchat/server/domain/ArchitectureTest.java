package org.honchat.server.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, checked on the compiled classes: the chat rules see neither Netty nor the hub nor
 * the network layer, and the feature packages under {@code domain} depend on each other in one direction only (no
 * cycle), with the shared {@code core} depending on no feature.
 */
class ArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.honchat.server");

    private static final String[] FEATURES = java.util.stream.Stream.of("buddy", "channel", "channellist", "clan", "flood", "game",
            "group", "message", "moderation", "presence", "session")
            .map(feature -> "org.honchat.server.domain." + feature + "..").toArray(String[]::new);

    @Test
    void rulesImportNeitherNettyNorTheHubNorTheNetwork() {
        noClasses().that().resideInAPackage("org.honchat.server.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.honchat.server.hub..",
                        "org.honchat.server.net..")
                .because("rules send through the Outbox and find sessions through the Directory (cluster seam)")
                .check(SERVER);
    }

    @Test
    void featurePackagesDependOneWay() {
        slices().matching("org.honchat.server.domain.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void theCoreKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.honchat.server.domain.core..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("org.honchat.server.domain")
                .check(SERVER);
    }

    @Test
    void theHubKnowsNoRule() {
        noClasses().that().resideInAPackage("org.honchat.server.hub..")
                .should().dependOnClassesThat().resideInAnyPackage("org.honchat.server.net..")
                .orShould().dependOnClassesThat().resideInAPackage("org.honchat.server.domain")
                .check(SERVER);
    }
}
