package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {

  private static final String TEXT =
      """
      # TYPE tgi_request_count counter
      tgi_request_count 649
      # TYPE h histogram
      h_bucket{le="0.5"} 1
      h_bucket{le="+Inf"} 3
      h_sum 2
      h_count 3
      """;
  private static final String OPENMETRICS =
      """
      # TYPE tokens counter
      tokens_total 12
      tokens_created 1.7e9
      # TYPE kv gauge
      kv{engine="0"} 0.5
      kv{engine="1"} 0.25
      # EOF
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private CommandLine command;

  @BeforeEach
  void setUp() {
    command = new CommandLine(new ParseCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
  }

  @Test
  void goodFilesGiveOneOkLineEachAndExitZero() throws IOException {
    Path text = write("text.prom", TEXT);
    Path openMetrics = write("om.txt", OPENMETRICS);

    int exit = command.execute(text.toString(), openMetrics.toString());

    assertEquals(0, exit);
    List<JsonNode> lines = lines();
    assertEquals(2, lines.size());
    assertLine(
        lines.get(0),
        "{\"file\":\""
            + text
            + "\",\"ok\":true,\"format\":\"prometheus\",\"families\":2,\"samples\":3}");
    assertLine(
        lines.get(1),
        "{\"file\":\""
            + openMetrics
            + "\",\"ok\":true,\"format\":\"openmetrics\",\"families\":2,"
            + "\"samples\":3}");
  }

  @Test
  void aBadFileGivesItsLineAndReasonAndExitOne() throws IOException {
    Path good = write("good.prom", TEXT);
    Path bad = write("bad.prom", "# TYPE a gauge\na 1\na abc\n");

    int exit = command.execute(good.toString(), bad.toString());

    assertEquals(1, exit);
    List<JsonNode> lines = lines();
    assertTrue(lines.get(0).get("ok").asBoolean());
    assertLine(
        lines.get(1),
        "{\"file\":\""
            + bad
            + "\",\"ok\":false,"
            + "\"error\":\"line 3: invalid value of a: \\\"abc\\\" is not a number\"}");
  }

  @Test
  void familiesTheFormatRefusesAreListedAndFailTheFileWhileTheRestIsCounted() throws IOException {
    Path bad =
        write(
            "bad.om",
            """
        # TYPE kv gauge
        kv 0.5
        # TYPE h histogram
        h_bucket{le="+Inf"} 2
        h_sum 1
        h_count 3
        # TYPE c counter
        c_total NaN
        # EOF
        """);

    int exit = command.execute(bad.toString());

    assertEquals(1, exit);
    String mismatch =
        "histogram h has _count 3.0 but its +Inf bucket counts 2.0 (they must be equal)";
    assertLine(
        lines().get(0),
        "{\"file\":\""
            + bad
            + "\",\"ok\":false,\"format\":\"openmetrics\",\"families\":1,"
            + "\"samples\":1,\"error\":\"line 6: "
            + mismatch
            + "\",\"problems\":["
            + "{\"line\":6,\"family\":\"h\",\"reason\":\""
            + mismatch
            + "\",\"severity\":\"semantic\"},"
            + "{\"line\":8,\"family\":\"c\",\"reason\":\"sample c_total has value NaN; a counter total must be a number"
            + " and not negative\",\"severity\":\"semantic\"}]}");
  }

  @Test
  void familiesTheFormatAcceptsButNoRecordCanHoldAreListedWithoutFailingTheFile()
      throws IOException {
    Path text = write("nan.prom", TEXT + "# TYPE k histogram\nk_bucket{le=\"+Inf\"} NaN\n");

    int exit = command.execute(text.toString());

    assertEquals(0, exit);
    assertLine(
        lines().get(0),
        "{\"file\":\""
            + text
            + "\",\"ok\":true,\"format\":\"prometheus\",\"families\":2,"
            + "\"samples\":3,\"problems\":[{\"line\":9,\"family\":\"k\",\"reason\":\"bucket le=\\\"+Inf\\\" of histogram k"
            + " has invalid count NaN\",\"severity\":\"unusable\"}]}");
  }

  @Test
  void forcedFormatOverridesDetection() throws IOException {
    Path openMetrics = write("om.txt", OPENMETRICS);
    Path text = write("text.prom", TEXT);

    int exit = command.execute("--format", "openmetrics", openMetrics.toString(), text.toString());

    assertEquals(1, exit);
    List<JsonNode> lines = lines();
    assertEquals("openmetrics", lines.get(0).get("format").asText());
    // Without # EOF it is no OpenMetrics at all: a syntax error, which refuses the whole file.
    assertEquals(
        "line 8: missing # EOF (an OpenMetrics exposition ends with it)",
        lines.get(1).get("error").asText());
  }

  @Test
  void missingFileIsAFailedLineNotACrash() {
    int exit = command.execute(dir.resolve("absent.prom").toString());

    assertEquals(1, exit);
    assertEquals("no such file", lines().get(0).get("error").asText());
  }

  @Test
  void unknownFormatIsAUsageError() {
    int exit = command.execute("--format", "json", "x.prom");

    assertEquals(2, exit);
    assertTrue(
        err.toString().contains("'json' is not auto, prometheus or openmetrics"), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private List<JsonNode> lines() {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      try {
        lines.add(json.readTree(line));
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return lines;
  }

  private static void assertLine(JsonNode actual, String expectedJson) {
    try {
      assertEquals(new ObjectMapper().readTree(expectedJson), actual);
      // The keys come in the documented order.
      assertEquals(expectedJson, actual.toString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
