package org.honchat.server.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
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

    /** Every package under {@code domain} but {@code core}, read from the classes (a new feature is in at once). */
    private static final String[] FEATURES = SERVER.stream().map(c -> c.getPackageName())
            .filter(p -> p.startsWith("org.honchat.server.domain.") && !p.startsWith("org.honchat.server.domain.core"))
            .map(p -> p.substring(0, p.indexOf('.', "org.honchat.server.domain.".length()) < 0 ? p.length()
                    : p.indexOf('.', "org.honchat.server.domain.".length())) + "..")
            .distinct().sorted().toArray(String[]::new);

    @Test
    void theFeatureListIsReadFromThePackages() {
        assertThat(FEATURES).contains("org.honchat.server.domain.matchmaking..", "org.honchat.server.domain.operator..",
                "org.honchat.server.domain.buddy..").doesNotContain("org.honchat.server.domain.group..");
    }

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
