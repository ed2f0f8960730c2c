package dev.marketdata.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The hexagon's dependency rules, in one place so both the real check and its self-test use them.
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  private static DescribedPredicate<JavaClass> inPackages(String... packages) {
    return JavaClass.Predicates.resideInAnyPackage(packages)
        .or(DescribedPredicate.describe("primitive or array", c -> c.isPrimitive() || c.isArray()));
  }

  static final ArchRule DOMAIN_IS_PURE_JAVA =
      classes()
          .that()
          .resideInAPackage("dev.marketdata.domain..")
          .should()
          .onlyDependOnClassesThat(inPackages("java..", "dev.marketdata.domain.."))
          .because("the domain jar is embedded in other JVM services and must bring no framework");

  static final ArchRule APPLICATION_SEES_ONLY_DOMAIN_AND_INJECT =
      classes()
          .that()
          .resideInAPackage("dev.marketdata.application..")
          .should()
          .onlyDependOnClassesThat(
              inPackages(
                  "java..",
                  "jakarta.inject..",
                  "dev.marketdata.domain..",
                  "dev.marketdata.application.."))
          .because("use cases speak only through the domain's ports");

  static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices()
          .matching("dev.marketdata.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .allowEmptyShould(true)
          .because("adapters meet only in bootstrap");

  static final ArchRule ONLY_BOOTSTRAP_SEES_ADAPTERS =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.marketdata.bootstrap..", "dev.marketdata.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.marketdata.adapter..")
          .because("the core must not know which technology serves its ports");

  static final ArchRule ONLY_BOOTSTRAP_SEES_DEVSERVICES =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.marketdata.domain..", "dev.marketdata.application..", "dev.marketdata.adapter..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.marketdata.devservices..")
          .because("embedded servers are a run mode chosen at startup, not a dependency");

  static final List<ArchRule> ALL =
      List.of(
          DOMAIN_IS_PURE_JAVA,
          APPLICATION_SEES_ONLY_DOMAIN_AND_INJECT,
          ADAPTERS_ARE_INDEPENDENT,
          ONLY_BOOTSTRAP_SEES_ADAPTERS,
          ONLY_BOOTSTRAP_SEES_DEVSERVICES);
}
