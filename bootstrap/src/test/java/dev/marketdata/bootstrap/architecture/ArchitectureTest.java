package dev.marketdata.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Checks every module's production classes against the hexagon's rules. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Test jars (adapters-kafka's record contract check) are test code too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.marketdata");
  }

  static final java.util.List<ArchRule> rules = ArchitectureRules.ALL;

  @ParameterizedTest
  @FieldSource("rules")
  void productionCode_followsTheRule(ArchRule rule) {
    rule.check(production);
  }

  @org.junit.jupiter.api.Test
  void theImport_seesEveryCoreModule() {
    // A rule checked against nothing passes; make sure the classes really were found.
    assertThat(production.containPackage("dev.marketdata.domain.model")).isTrue();
    assertThat(production.containPackage("dev.marketdata.application.poll")).isTrue();
    assertThat(production.containPackage("dev.marketdata.adapter.scheduler")).isTrue();
    assertThat(production.containPackage("dev.marketdata.vertx")).isTrue();
  }
}
