package io.fleetpulse.simulator.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fleetpulse.schemas.PrometheusDuration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads scenarios: a shipped one by name ({@link #SHIPPED}, from {@code scenarios/<name>.yml} on
 * the classpath) or any YAML file by path. Options are snake_case, durations as in Prometheus
 * ({@code 30s}, {@code 1h30m}); unknown options are mistakes.
 */
public final class ScenarioLoader {

  public static final List<String> SHIPPED =
      List.of(
          "steady",
          "diurnal",
          "overload-ramp",
          "long-context-surge",
          "prefix-cache-collapse",
          "node-crash",
          "slow-node",
          "flapping-target",
          "mixed-engines",
          "week");

  private final ObjectMapper mapper;

  public ScenarioLoader() {
    SimpleModule durations = new SimpleModule("prometheus-durations");
    durations.addDeserializer(
        Duration.class,
        new JsonDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            String text = parser.getValueAsString();
            try {
              return PrometheusDuration.parse(text);
            } catch (IllegalArgumentException e) {
              throw JsonMappingException.from(
                  parser, "'" + text + "' is not a duration such as 250ms, 30s or 1h30m");
            }
          }
        });
    mapper =
        YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(durations)
            .build();
  }

  /** A shipped scenario's name, or the path of a YAML file. */
  public Scenario load(String nameOrFile) {
    if (SHIPPED.contains(nameOrFile)) {
      String resource = "scenarios/" + nameOrFile + ".yml";
      try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ScenarioException(
              "shipped scenario " + resource + " is missing from the classpath", null);
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
      } catch (IOException e) {
        throw new ScenarioException(
            "cannot read shipped scenario " + resource + ": " + e.getMessage(), e);
      }
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException(
          "no scenario '"
              + nameOrFile
              + "': neither a shipped one ("
              + String.join(", ", SHIPPED)
              + ") nor a file",
          null);
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param source names the text in errors
   */
  public Scenario parse(String yaml, String source) {
    try {
      Scenario scenario = mapper.readValue(yaml, Scenario.class);
      if (scenario == null) {
        throw new ScenarioException(source + ": the scenario is empty", null);
      }
      return scenario;
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source + ": " + describe(e), e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String reason = rootMessage(e);
    JsonLocation location = e.getLocation();
    String line =
        location != null && location.getLineNr() > 0 ? " (line " + location.getLineNr() + ")" : "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "option " + pathOf(mapping) + line + ": " + reason;
    }
    return "syntax" + line + ": " + reason;
  }

  /**
   * The innermost message, first line only: constructor checks already name the option they refuse.
   */
  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof JsonProcessingException processing
            ? processing.getOriginalMessage()
            : cause.getMessage();
    if (message == null) {
      message = cause.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
