package dev.marketdata.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.marketdata.adapter.alpha.archfixture.AlphaAdapterUsingBeta;
import dev.marketdata.adapter.beta.archfixture.BetaAdapter;
import dev.marketdata.adapter.beta.archfixture.BetaAdapterReadingTheEnvironment;
import dev.marketdata.application.archfixture.ApplicationUsingAnAdapter;
import dev.marketdata.application.archfixture.ApplicationUsingDevservices;
import dev.marketdata.application.archfixture.ApplicationUsingJackson;
import dev.marketdata.bootstrap.archfixture.RuntimeLinkingTheDevStarter;
import dev.marketdata.bootstrap.archfixture.RuntimeStartingAnEmbeddedServer;
import dev.marketdata.bootstrap.embedded.archfixture.SomeStarter;
import dev.marketdata.domain.archfixture.DomainUsingVertx;
import dev.marketdata.vertx.archfixture.LoopUsingAUseCase;
import org.junit.jupiter.api.Test;

/**
 * Each rule run against a deliberately bad class from the test sources must report it, so a rule
 * that can never fail is caught.
 */
class ArchitectureRulesCatchViolationsTest {
  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    return rule.evaluate(imported);
  }

  @Test
  void domainRule_reportsADomainClassUsingVertx() {
    EvaluationResult result =
        evaluate(ArchitectureRules.DOMAIN_IS_PURE_JAVA, DomainUsingVertx.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("io.vertx.core.Vertx");
  }

  @Test
  void applicationRule_reportsAUseCaseUsingJackson() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.APPLICATION_SEES_ONLY_DOMAIN_AND_INJECT,
            ApplicationUsingJackson.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("ObjectMapper");
  }

  @Test
  void adapterRule_reportsAnAdapterUsingAnother() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.ADAPTERS_ARE_INDEPENDENT,
            AlphaAdapterUsingBeta.class,
            BetaAdapter.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("BetaAdapter");
  }

  @Test
  void bootstrapOnlyRule_reportsTheCoreUsingAnAdapter() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.ONLY_BOOTSTRAP_SEES_ADAPTERS,
            ApplicationUsingAnAdapter.class,
            BetaAdapter.class);
    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void devservicesRule_reportsTheCoreStartingAnEmbeddedServer() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.ONLY_THE_EMBEDDED_SEAM_SEES_DEVSERVICES,
            ApplicationUsingDevservices.class);
    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void devservicesRule_reportsBootstrapStartingAnEmbeddedServerBesideTheSeam() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.ONLY_THE_EMBEDDED_SEAM_SEES_DEVSERVICES,
            RuntimeStartingAnEmbeddedServer.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("SomeEmbeddedServer");
  }

  @Test
  void seamRule_reportsBootstrapLinkingTheDevJarsStarter() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.NOTHING_LINKS_THE_EMBEDDED_SEAM,
            RuntimeLinkingTheDevStarter.class,
            SomeStarter.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("SomeStarter");
  }

  @Test
  void vertxSupportRule_reportsTheSharedLoopUsingAUseCase() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.SHARED_VERTX_SUPPORT_KNOWS_NO_PROJECT_CODE, LoopUsingAUseCase.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("RunPollTickUseCase");
  }

  @Test
  void environmentRule_reportsAnAdapterReadingAVariable() {
    EvaluationResult result =
        evaluate(
            ArchitectureRules.ONLY_THE_CONFIGURATION_READS_THE_ENVIRONMENT,
            BetaAdapterReadingTheEnvironment.class);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("System.getenv");
  }

  @Test
  void everyRule_passesOnWellBehavedClasses() {
    Class<?>[] good = {
      dev.marketdata.bootstrap.config.ConfigSource.class,
      dev.marketdata.bootstrap.embedded.DevServicesStarter.class,
      dev.marketdata.bootstrap.runtime.EmbeddedServers.class,
      dev.marketdata.vertx.RepeatingTask.class,
      dev.marketdata.domain.model.Symbol.class,
      dev.marketdata.application.average.ApplyPriceEventsService.class,
      BetaAdapter.class
    };
    for (ArchRule rule : ArchitectureRules.ALL) {
      assertThat(evaluate(rule, good).hasViolation()).as(rule.getDescription()).isFalse();
    }
  }
}
