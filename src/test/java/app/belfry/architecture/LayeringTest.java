package app.belfry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/ARCHITECTURE.md ("Layers"), written down so that a change that breaks it fails the build.
 */
@AnalyzeClasses(packages = "app.belfry", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("app.belfry..")
            .withOptionalLayers(true)
            .layer("Launcher").definedBy("app.belfry")
            .layer("Model").definedBy("app.belfry.model..")
            .layer("Net").definedBy("app.belfry.net..")
            .layer("Store").definedBy("app.belfry.store..")
            .layer("Session").definedBy("app.belfry.session..")
            .layer("UI").definedBy("app.belfry.ui..")
            .layer("Desktop").definedBy("app.belfry.desktop..")
            .layer("Persist").definedBy("app.belfry.persist..")
            .layer("Server").definedBy("app.belfry.server..")
            .layer("I18n").definedBy("app.belfry.i18n..")
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Desktop").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Session").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Launcher", "Session", "UI", "Desktop")
            .whereLayer("Net").mayOnlyBeAccessedByLayers("Launcher", "Session", "Store")
            .whereLayer("Persist").mayOnlyBeAccessedByLayers("Launcher", "Session")
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Launcher", "Session", "Net", "Store", "UI", "Desktop",
                    "Persist", "Server")
            .whereLayer("I18n").mayOnlyBeAccessedByLayers("Launcher", "Session", "Net", "UI", "Desktop", "Persist");

    @ArchTest
    static final ArchRule theTextsStandAlone = noClasses()
            .that().resideInAPackage("app.belfry.i18n..")
            .should().dependOnClassesThat().resideInAnyPackage("app.belfry.model..", "app.belfry.net..",
                    "app.belfry.store..", "app.belfry.session..", "app.belfry.ui..", "app.belfry.desktop..",
                    "app.belfry.persist..", "app.belfry.server..", "javafx..")
            .because("every layer reads its texts from the bundles; the bundles know nothing of the layers");

    @ArchTest
    static final ArchRule onlyTheUiBuildsScenes = noClasses()
            .that().resideOutsideOfPackages("app.belfry.ui..", "app.belfry.desktop..", "app.belfry")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..", "java.awt..")
            .because("views, controls and skins belong to the UI layer, popups and the tray to the desktop layer");

    @ArchTest
    static final ArchRule theModelStandsAlone = noClasses()
            .that().resideInAPackage("app.belfry.model..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.netty..", "com.corundumstudio..",
                    "io.socket..", "okhttp3..")
            .because("the wire model is plain records and a codec, usable by client and server alike");

    @ArchTest
    static final ArchRule theServerKnowsNoClient = noClasses()
            .that().resideInAPackage("app.belfry.server..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.socket..", "okhttp3..")
            .because("the reference backend is a backend: it must not lean on client code or libraries");

    @ArchTest
    static final ArchRule theFxThreadIsEnteredOnlyAtTheTop = noClasses()
            .that().resideInAPackage("app.belfry..")
            .and().resideOutsideOfPackages("app.belfry", "app.belfry.ui..", "app.belfry.store..",
                    "app.belfry.desktop..")
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
            .because("the FX thread is crossed in one place per boundary (docs/ARCHITECTURE.md, Threads)");
}
