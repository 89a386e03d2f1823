package io.smollama.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's layering rules, each with its reason. */
class ArchitectureTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.smollama.desktop");

    @Test
    void onlyTheChartsPackageImportsChartFx() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.smollama.desktop.charts..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.fair_acc..")
                .because("each third-party library is owned by one package; ChartFX by the charts package")
                .check(CONSOLE);
    }

    @Test
    void viewModelsAndServicesHoldNoSceneGraph() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .or()
                .resideInAPackage("io.smollama.desktop.service..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx.scene..")
                .because("view-models and services are unit-tested without starting JavaFX")
                .check(CONSOLE);
    }
}
