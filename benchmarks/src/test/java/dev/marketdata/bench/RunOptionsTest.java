package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
  @Test
  void givenNoOptions_run_isTheFullPublishedRun() {
    RunOptions o = RunOptions.parse("/repo");

    assertThat(o.root()).isEqualTo(Path.of("/repo"));
    assertThat(o.partial()).isFalse();
    assertThat(o.runs("split_roles")).isTrue();
    assertThat(o.params()).isEqualTo(Params.full());
  }

  @Test
  void givenPartSizesAndSeconds_run_isPartialWithTheOverrides() {
    RunOptions o =
        RunOptions.parse(
            "/repo", "--part", "scale,split_roles", "--sizes=200,1_000", "--seconds", "5");

    assertThat(o.partial()).isTrue();
    assertThat(o.parts()).isEqualTo(Set.of("scale", "split_roles"));
    assertThat(o.runs("http")).isFalse();
    assertThat(o.runs("scale")).isTrue();
    Params p = o.params();
    assertThat(p.scaleSymbols()).containsExactly(200, 1_000);
    assertThat(p.splitRolesSymbols()).containsExactly(200, 1_000);
    assertThat(p.pipelineSeconds()).isEqualTo(5);
    assertThat(p.httpSeconds()).isEqualTo(5);
    assertThat(p.httpRounds()).isEqualTo(Params.full().httpRounds());
    assertThat(p.httpRoundSeconds()).isEqualTo(2);
    assertThat(p.pipelineWarmupSeconds()).isEqualTo(Params.full().pipelineWarmupSeconds());
  }

  @Test
  void givenSmokeAndOnlySeconds_params_areSmokeSizesWithTheWindow() {
    RunOptions o = RunOptions.parse("--smoke", "--seconds=3");

    assertThat(o.partial()).isTrue();
    assertThat(o.params().scaleSymbols()).isEqualTo(Params.smoke().scaleSymbols());
    assertThat(o.params().liveSeconds()).isEqualTo(3);
  }

  @Test
  void givenAnUnknownPart_parse_namesItAndTheKnownOnes() {
    assertThatThrownBy(() -> RunOptions.parse("--part", "http,htp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'htp'")
        .hasMessageContaining("http_api_role");
  }

  @Test
  void givenBadNumbers_parse_namesTheOptionAndValue() {
    assertThatThrownBy(() -> RunOptions.parse("--sizes", "100,x"))
        .hasMessageContaining("--sizes")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> RunOptions.parse("--seconds", "0")).hasMessageContaining("'0'");
    assertThatThrownBy(() -> RunOptions.parse("--seconds")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> RunOptions.parse("--bogus")).hasMessageContaining("--bogus");
  }

  @Test
  void fullSizes_areTheIssueCurve_withTheLatencyTargetSizeInIt() {
    Params p = Params.full();

    assertThat(p.scaleSymbols()).isEqualTo(List.of(100, 1_000, 5_000, 10_000, 15_000, 20_000));
    assertThat(p.scaleSymbols()).contains(p.latencySymbols());
    assertThat(p.splitRolesSymbols()).isEqualTo(List.of(10_000));
  }
}
