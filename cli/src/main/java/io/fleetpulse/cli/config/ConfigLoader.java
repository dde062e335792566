package io.fleetpulse.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fleetpulse.schemas.PrometheusDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the YAML config (in the style of {@code prometheus.yml}) and lets an environment variable override any
 * option: {@code FLEETPULSE_} followed by the option's path in upper case, e.g. {@code
 * FLEETPULSE_KAFKA_BOOTSTRAP_SERVERS} or {@code FLEETPULSE_STREAMS_WINDOWS="[10s, 1m]"} (values are read as YAML).
 */
public final class ConfigLoader {

  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String ENV_PREFIX = "FLEETPULSE_";
  /** Read by the launcher script, not options of the config file. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("FLEETPULSE_JAVA_OPTS", "FLEETPULSE_HOME");

  private final ObjectMapper mapper;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule("prometheus-durations");
    durations.addDeserializer(Duration.class, new DurationDeserializer());
    durations.addSerializer(Duration.class, new DurationSerializer());
    mapper = YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addModule(durations)
        .build();
  }

  public FleetPulseConfig load(Path file, Map<String, String> environment) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), environment);
  }

  /** Parses config text; {@code source} names it in errors. */
  public FleetPulseConfig parse(String yaml, String source, Map<String, String> environment) {
    JsonNode tree;
    try {
      tree = mapper.readTree(yaml);
      // Bind once as written, so that a mistake in the file is reported with its line and column.
      mapper.readValue(yaml.isBlank() ? "{}" : yaml, FleetPulseConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + describe(e), e);
    }
    ObjectNode root = tree instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    Map<String, List<String>> overridable = optionsByVariable();
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      List<String> path = overridable.get(name);
      if (path == null) {
        log.warn("Ignoring environment variable {}: it names no config option", name);
        continue;
      }
      override(root, path, name, variable.getValue());
    }
    try {
      return mapper.treeToValue(root, FleetPulseConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " with environment overrides: " + describe(e), e);
    }
  }

  /** Prometheus-style durations for everything in the config, in both directions. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Every option of the default config, by the environment variable that overrides it. */
  private Map<String, List<String>> optionsByVariable() {
    Map<String, List<String>> byVariable = new LinkedHashMap<>();
    collectOptions(mapper.valueToTree(FleetPulseConfig.defaults()), new ArrayList<>(), byVariable);
    return byVariable;
  }

  private static void collectOptions(JsonNode node, List<String> path, Map<String, List<String>> out) {
    if (node.isObject() && !node.isEmpty()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        path.add(field.getKey());
        collectOptions(field.getValue(), path, out);
        path.remove(path.size() - 1);
      }
    } else if (!path.isEmpty()) {
      out.put(variableFor(path), List.copyOf(path));
    }
  }

  private static String variableFor(List<String> path) {
    return ENV_PREFIX + String.join("_", path).toUpperCase(java.util.Locale.ROOT);
  }

  private void override(ObjectNode root, List<String> path, String variable, String value) {
    ObjectNode parent = root;
    for (String key : path.subList(0, path.size() - 1)) {
      JsonNode child = parent.get(key);
      parent = child instanceof ObjectNode object ? object : parent.putObject(key);
    }
    JsonNode parsed;
    try {
      parsed = value.isEmpty() ? JsonNodeFactory.instance.textNode("") : mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new ConfigException(variable + ": not a valid value: " + e.getOriginalMessage(), e);
    }
    parent.set(path.get(path.size() - 1), parsed == null || parsed.isMissingNode()
        ? JsonNodeFactory.instance.textNode(value) : parsed);
  }

  /**
   * A mapping error names the option by its path; only a syntax error names a line, because the YAML parser
   * reads ahead and reports mapping errors at the line after the offending key.
   */
  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      Throwable cause = e.getCause();
      String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
      return "option " + pathOf(mapping) + ": " + reason;
    }
    JsonLocation location = e.getLocation();
    String where = location != null && location.getLineNr() > 0
        ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
    return e.getOriginalMessage() + where;
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

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = parser.getValueAsString();
      if (text == null) {
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
      }
      try {
        return PrometheusDuration.parse(text.trim());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(parser, e.getMessage(), e);
      }
    }
  }

  private static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeString(PrometheusDuration.format(value));
    }
  }
}
