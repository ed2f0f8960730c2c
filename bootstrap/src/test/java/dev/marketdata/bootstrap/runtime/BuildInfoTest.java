package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.http.ServiceInfo;
import dev.marketdata.bootstrap.config.Role;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void theBuiltResource_isFilteredWithTheVersionAndBuildTime() {
    BuildInfo info = BuildInfo.fromClasspath();

    assertThat(info.version()).isNotEqualTo(ServiceInfo.UNKNOWN).doesNotContain("${");
    assertThat(Instant.parse(info.buildTime())).isNotNull();
    // A commit id when built from a git checkout, "unknown" from a tree without .git.
    assertThat(info.gitCommit()).matches("[0-9a-f]{40}|unknown");
  }

  @Test
  void givenValuesTheBuildDidNotKnow_theyAreUnknown() {
    Properties props = new Properties();
    props.setProperty("version", "0.1.0");
    props.setProperty("build_time", "");
    props.setProperty("git_commit", "${git.commit.id}");

    BuildInfo info = BuildInfo.of(props);

    assertThat(info).isEqualTo(new BuildInfo("0.1.0", "unknown", "unknown"));
    assertThat(BuildInfo.of(new Properties()))
        .isEqualTo(new BuildInfo("unknown", "unknown", "unknown"));
  }

  @Test
  void describe_namesRolesInOrder_andOnlyTheProvidersThisProcessCanCall() {
    BuildInfo build = new BuildInfo("0.1.0", "2026-11-30T17:00:00Z", "abc");
    ServiceInfo info =
        build.describe(
            EnumSet.of(Role.CONSUMER, Role.API),
            List.of(
                ProviderStatus.available(
                    ProviderId.FINNHUB, List.of(RateLimit.perMinute(60)), List.of()),
                ProviderStatus.unavailable(
                    ProviderId.ALPHA_VANTAGE,
                    "ALPHA_VANTAGE_API_KEY is not set",
                    List.of(RateLimit.perDay(25)))));

    assertThat(info.roles()).containsExactly("api", "consumer");
    assertThat(info.providers()).containsExactly("finnhub");
    assertThat(info.version()).isEqualTo("0.1.0");
    assertThat(info.gitCommit()).isEqualTo("abc");
    assertThat(info.javaVersion()).isEqualTo(System.getProperty("java.version"));
    assertThat(info.toString()).doesNotContain("API_KEY");
  }
}
