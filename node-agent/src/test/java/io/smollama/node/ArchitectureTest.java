package io.smollama.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.smollama.node.docs.ApiReference;
import io.smollama.node.http.OpenApiHttpService;
import io.smollama.node.plugin.ActionOutcome;
import io.smollama.node.plugin.ActionSpec;
import io.smollama.node.plugin.ActuatorPlugin;
import io.smollama.node.plugin.ParamSpec;
import io.smollama.node.plugin.Plugin;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;

/**
 * Keeps the shape STYLE.md describes: each third-party library is owned by one package, HTTP
 * concerns stay in HTTP classes, {@code common} stays free of the node and of UI toolkits, feature
 * packages do not form cycles, and the plugin SPI can be compiled against on its own.
 */
@AnalyzeClasses(packages = "io.smollama", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Classes that speak HTTP: the server package, the WebSocket event stream, and each feature's
     * {@code …HttpService} (with its nested classes).
     */
    private static final DescribedPredicate<JavaClass> HTTP_ADAPTERS = resideInAnyPackage(
                    "io.smollama.node.http..", "io.smollama.node.events..")
            .or(belongTo(simpleNameEndingWith("HttpService")))
            .as("HTTP adapters (io.smollama.node.http.., io.smollama.node.events.., *HttpService)");

    /** The types a plugin jar compiles against, with their nested types and arrays of them. */
    private static final DescribedPredicate<JavaClass> PLUGIN_SPI =
            DescribedPredicate.describe("the plugin SPI", type -> belongToAnyOf(
                            Plugin.class,
                            SensorPlugin.class,
                            ActuatorPlugin.class,
                            PluginContext.class,
                            SourceSpec.class,
                            Sample.class,
                            ActionSpec.class,
                            ParamSpec.class,
                            ActionOutcome.class)
                    .test(type.getBaseComponentType()));

    @ArchTest
    static final ArchRule onlyTheGpioPackageTalksToPi4j = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.node.plugin.gpio..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.pi4j..")
            .because("GPIO hardware sits behind the gpio plugin, whose simulated twin lets everything else run"
                    + " and be tested without a Pi");

    @ArchTest
    static final ArchRule onlyTheAgentPackageTalksToLangChain4jChat = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.node.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.langchain4j.model.chat..", "dev.langchain4j.data.message..", "dev.langchain4j.agent..")
            .because("the agent package owns the chat model and its tools; other packages use LlmClient and"
                    + " AgentTool, which do not tie them to LangChain4j");

    @ArchTest
    static final ArchRule onlyTheStorePackageTalksToSql = noClasses()
            .that()
            .resideOutsideOfPackages("io.smollama.node.store..", "io.smollama.node.mqtt..")
            .and()
            .haveNameNotMatching("io\\.smollama\\.node\\.(memory\\.(MemoryTables|MemoryChanges|MergeTarget"
                    + "|MemoryStore\\$Merge\\w*)|sync\\.SyncLog)(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("the store owns the database: schema, transactions and connections stay in one package;"
                    + " a feature with its own tables writes its SQL inside Database.read/write, in one named place"
                    + " (mqtt: the outbox; memory: MemoryTables; sync: SyncLog, which appends to the log inside the"
                    + " memory change's own transaction through the seams MemoryChanges and MergeTarget)");

    @ArchTest
    static final ArchRule onlyTheMqttPackageTalksToHiveMqAndMoquette = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.node.mqtt..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.hivemq..", "io.moquette..", "io.netty..")
            .because("the MQTT client and the embedded broker are one feature's concern; everything else uses"
                    + " MqttService (publish, recentMessages, the agent hook)");

    @ArchTest
    static final ArchRule onlyCommonDiscoveryTalksToJmdns = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.common.discovery..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javax.jmdns..")
            .because("mDNS is wrapped once, in common, so the agent and the console share one announcer and"
                    + " one browser with the same liveness rules, and JmDNS can be replaced in one place");

    @ArchTest
    static final ArchRule onlyTheCliPackageTalksToPicocli = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.node.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..")
            .because("command-line parsing is an edge concern; the agent can be embedded and tested"
                    + " without a command line");

    @ArchTest
    static final ArchRule onlyTheConfigPackageParsesYaml = noClasses()
            .that()
            .resideOutsideOfPackage("io.smollama.node.config..")
            .and()
            .doNotBelongToAnyOf(OpenApiHttpService.class, ApiReference.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.yaml..")
            .because("config files are read and validated in one place, which reports each problem with"
                    + " its origin; OpenApiHttpService and ApiReference are the exceptions, parsing only the"
                    + " bundled openapi.yaml they serve and document");

    @ArchTest
    static final ArchRule onlyHttpAdaptersTalkToHelidon = noClasses()
            .that(are(DescribedPredicate.not(HTTP_ADAPTERS)))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.helidon..")
            .because("handlers parse and validate input, call the feature and map the result;"
                    + " business logic never sees a request object");

    @ArchTest
    static final ArchRule featureLogicNeverCallsIntoHttpCode = noClasses()
            .that(are(DescribedPredicate.not(HTTP_ADAPTERS)))
            .and()
            .doNotBelongToAnyOf(NodeAgent.class)
            .should()
            .dependOnClassesThat(resideInAPackage("io.smollama.node.http..")
                    .or(belongTo(simpleNameEndingWith("HttpService")))
                    .as("HTTP server classes or *HttpService"))
            .because("HTTP handlers call the feature, never the other way round;"
                    + " NodeAgent, the one wiring place, is the only other class that builds them");

    @ArchTest
    static final ArchRule commonDependsOnNeitherTheNodeNorHelidonNorJavaFx = noClasses()
            .that()
            .resideInAPackage("io.smollama.common..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.smollama.node..", "io.helidon..", "javafx..")
            .because("common holds the wire records shared by the node-agent and the desktop console,"
                    + " so it must load in both without dragging in either side");

    @ArchTest
    static final ArchRule theNodeAgentNeverTouchesJavaFx = noClasses()
            .that()
            .resideInAPackage("io.smollama.node..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx..")
            .because("the node-agent runs headless on a Raspberry Pi; UI code lives in the desktop module");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.smollama.node.(*)..")
            .should()
            .beFreeOfCycles()
            .because("package by feature only pays off when a feature can be understood, tested and"
                    + " changed without the ones that depend on it");

    @ArchTest
    static final ArchRule thePluginSpiDependsOnNothingButItself = noClasses()
            .that(PLUGIN_SPI)
            .should()
            .dependOnClassesThat(resideInAnyPackage(
                            "io.smollama.node.store..",
                            "io.smollama.node.http..",
                            "io.smollama.node.readings..",
                            "io.smollama.node.cli..",
                            "io.smollama.node.bench..",
                            "io.smollama.node.events..",
                            "io.smollama.node.health..",
                            "io.smollama.node")
                    .or(resideInAPackage("io.smollama.node.plugin..").and(DescribedPredicate.not(PLUGIN_SPI)))
                    .as("the agent's internals (store, http, readings, cli, bench, events, health, the"
                            + " plugin host, the node package)"))
            .because("plugin jars compile against the SPI only; anything else it drags in becomes an API"
                    + " we can no longer change");
}
