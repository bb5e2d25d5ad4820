package dev.webhooks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of DESIGN.md's table, checked on the library's own classes: each package uses only the
 * packages its row names, {@code signing} and {@code urlguard} use nothing but the JDK, {@code event} nothing but
 * the JDK, Jackson and the JSON Schema validator and generator built on it, {@code autoconfigure} holds only auto-configurations and configuration properties, and no
 * two packages depend on each other.
 */
@AnalyzeClasses(packages = "dev.webhooks", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTests {

	private static final String SIGNING = "dev.webhooks.signing..";

	private static final String URL_GUARD = "dev.webhooks.urlguard..";

	private static final String EVENT = "dev.webhooks.event..";

	/**
	 * The "may use" column of the table, row by row. {@code signing} and {@code urlguard} are leaves that every
	 * package below them may use; {@code receive} is the receiving side and knows nothing of publishing.
	 */
	@ArchTest
	static final ArchRule packagesUseOnlyThePackagesTheirRowNames = layeredArchitecture()
		.consideringOnlyDependenciesInLayers()
		.withOptionalLayers(true)
		.layer("signing").definedBy(SIGNING)
		.layer("urlguard").definedBy(URL_GUARD)
		.layer("event").definedBy(EVENT)
		.layer("endpoint").definedBy("dev.webhooks.endpoint..")
		.layer("delivery").definedBy("dev.webhooks.delivery..")
		.layer("publish").definedBy("dev.webhooks.publish..")
		.layer("receive").definedBy("dev.webhooks.receive..")
		.layer("store").definedBy("dev.webhooks.store..")
		.layer("api").definedBy("dev.webhooks.api..")
		.layer("dashboard").definedBy("dev.webhooks.dashboard..")
		.layer("autoconfigure").definedBy("dev.webhooks.autoconfigure..")
		.whereLayer("signing").mayNotAccessAnyLayer()
		.whereLayer("urlguard").mayNotAccessAnyLayer()
		.whereLayer("event").mayNotAccessAnyLayer()
		.whereLayer("endpoint").mayOnlyAccessLayers("event", "signing", "urlguard")
		.whereLayer("delivery").mayOnlyAccessLayers("signing", "urlguard", "event", "endpoint")
		.whereLayer("publish").mayOnlyAccessLayers("signing", "event", "endpoint", "delivery")
		.whereLayer("receive").mayOnlyAccessLayers("signing", "event")
		.whereLayer("store").mayOnlyAccessLayers("signing", "event", "endpoint", "delivery", "receive")
		.whereLayer("api").mayOnlyAccessLayers("signing", "urlguard", "event", "endpoint", "delivery", "publish")
		.whereLayer("dashboard").mayOnlyAccessLayers("api", "signing", "event", "endpoint", "delivery")
		.whereLayer("autoconfigure").mayOnlyAccessLayers("signing", "urlguard", "event", "endpoint", "delivery",
				"publish", "receive", "store", "api", "dashboard");

	@ArchTest
	static final ArchRule signingUsesOnlyTheJdk = noClasses().that()
		.resideInAPackage(SIGNING)
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("java..", "javax.crypto..", SIGNING);

	@ArchTest
	static final ArchRule urlGuardUsesOnlyTheJdk = noClasses().that()
		.resideInAPackage(URL_GUARD)
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("java..", URL_GUARD);

	/**
	 * Event-type schemas are parsed, validated and generated in {@code event}, next to the envelope they shape:
	 * networknt's validator and victools' generator (with classmate, its type resolution) work on Jackson's trees.
	 */
	@ArchTest
	static final ArchRule eventUsesOnlyTheJdkAndJackson = noClasses().that()
		.resideInAPackage(EVENT)
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("java..", "tools.jackson..", "com.fasterxml.jackson.annotation..",
				"com.networknt.schema..", "com.github.victools.jsonschema..", "com.fasterxml.classmate..", EVENT);

	@ArchTest
	static final ArchRule autoconfigureHoldsOnlyAutoConfigurationsAndProperties = classes().that()
		.resideInAPackage("dev.webhooks.autoconfigure..")
		.and()
		.areTopLevelClasses()
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.beAnnotatedWith(AutoConfiguration.class)
		.orShould()
		.beAnnotatedWith(ConfigurationProperties.class);

	@ArchTest
	static final ArchRule autoConfigurationsAreFinal = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.webhooks.(*)..").should().beFreeOfCycles();

}
