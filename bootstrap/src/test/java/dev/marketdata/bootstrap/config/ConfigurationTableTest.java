package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table against the settings the parser reads: every variable listed,
 * nothing listed that is not read, and each default as the parser has it.
 */
class ConfigurationTableTest {
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  /** One row: its variables, and the values written in backticks in its default column. */
  private record Row(List<String> variables, List<String> defaults) {}

  private static List<Row> rows;

  @BeforeAll
  static void readTheTable() throws IOException {
    rows = table(Files.readString(Path.of("..", "README.md")));
  }

  static List<Row> table(String readme) {
    String section = readme.substring(readme.indexOf("\n## Configuration\n"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    List<Row> found = new ArrayList<>();
    for (String line : section.lines().toList()) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      found.add(new Row(code(cells[1]), code(cells[2])));
    }
    return found;
  }

  private static List<String> code(String cell) {
    List<String> values = new ArrayList<>();
    Matcher matcher = CODE.matcher(cell);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  private static Map<String, Optional<String>> settings() {
    Map<String, Optional<String>> byName = new LinkedHashMap<>();
    ConfigParser.settings().forEach(s -> byName.put(s.name(), s.defaultValue()));
    return byName;
  }

  @Test
  void theTable_listsEveryVariableTheServiceReads_andNoOther() {
    List<String> listed = rows.stream().flatMap(r -> r.variables().stream()).toList();

    assertThat(listed).doesNotHaveDuplicates();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(settings().keySet());
  }

  @Test
  void eachRow_showsTheDefaultsTheParserFallsBackTo() {
    Map<String, Optional<String>> settings = settings();
    for (Row row : rows) {
      List<String> expected =
          row.variables().stream()
              .map(settings::get)
              .filter(d -> d != null && d.isPresent())
              .map(Optional::get)
              .collect(Collectors.toList());
      assertThat(row.defaults()).as("defaults of %s", row.variables()).isEqualTo(expected);
    }
  }

  @Test
  void theCheck_wouldCatchAMissingVariableAndAWrongDefault() {
    List<Row> stale =
        table(
            "intro\n## Configuration\n| variable | default | meaning |\n"
                + "| `MDS_HTTP_PORT` | `8081` | port |\n## API\n");

    assertThat(stale).containsExactly(new Row(List.of("MDS_HTTP_PORT"), List.of("8081")));
    assertThat(settings().get("MDS_HTTP_PORT")).contains("8080");
    assertThat(settings()).containsKey("MDS_RELAY_BATCH_SIZE");
  }
}
