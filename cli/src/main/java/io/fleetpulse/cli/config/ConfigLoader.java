package io.fleetpulse.cli.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the YAML config (in the style of {@code prometheus.yml}) and lets an environment variable
 * override any option: {@code FLEETPULSE_} followed by the option's path in upper case, e.g. {@code
 * FLEETPULSE_KAFKA_BOOTSTRAP_SERVERS} or {@code FLEETPULSE_STREAMS_WINDOWS="[10s, 1m]"} (values are
 * read as YAML, except a secret's, which is taken as written).
 */
public final class ConfigLoader {

  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  private static final Pattern OPTION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final String ENV_PREFIX = "FLEETPULSE_";

  /** Read by the launcher script, not options of the config file. */
  private static final Set<String> LAUNCHER_VARIABLES =
      Set.of("FLEETPULSE_JAVA_OPTS", "FLEETPULSE_HOME");

  private final ObjectMapper mapper;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule("prometheus-durations");
    durations.addDeserializer(Duration.class, new DurationDeserializer());
    durations.addSerializer(Duration.class, new DurationSerializer());
    mapper =
        YAMLMapper.builder()
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

  /**
   * Parses config text; {@code source} names it in errors. Every mistake is one line naming the
   * place and the option, {@code fleetpulse.yml:12: collector.scrape_configs[0].scrape_interval:
   * …}, or the environment variable that set it; no message shows a secret's value.
   */
  public FleetPulseConfig parse(String yaml, String source, Map<String, String> environment) {
    SecretOptions secrets = SecretOptions.inText(yaml).and(SecretOptions.in(null, environment));
    YamlLines lines = YamlLines.of(yaml);
    JsonNode tree;
    try {
      tree = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(secrets.hide(inFile(source, lines, e)), e);
    }
    secrets = secrets.and(SecretOptions.in(tree, Map.of()));
    JsonProcessingException asWritten = null;
    try {
      // Bind once as written, so that a mistake in the file is reported as the file's.
      mapper.readValue(yaml.isBlank() ? "{}" : yaml, FleetPulseConfig.class);
    } catch (JsonProcessingException e) {
      asWritten = e;
    }
    ObjectNode root =
        tree instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    Map<String, List<String>> overridable = optionsByVariable();
    Map<String, String> overridden = new LinkedHashMap<>();
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
      overridden.put(String.join(".", path), name);
    }
    try {
      // The file alone may lack what the environment adds, such as a password kept out of it.
      return mapper.treeToValue(root, FleetPulseConfig.class);
    } catch (JsonProcessingException e) {
      if (asWritten != null) {
        throw new ConfigException(secrets.hide(inFile(source, lines, asWritten)), asWritten);
      }
      throw new ConfigException(secrets.hide(fromEnvironment(source, lines, overridden, e)), e);
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

  private static void collectOptions(
      JsonNode node, List<String> path, Map<String, List<String>> out) {
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
    String key = path.get(path.size() - 1);
    JsonNode parsed;
    try {
      // A secret is taken as written: read as YAML, "null" or "~" would turn authentication off,
      // and "abc #x"
      // would lose its end.
      parsed =
          value.isEmpty() || SecretOptions.isSecret(key)
              ? JsonNodeFactory.instance.textNode(value)
              : mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new ConfigException(variable + ": not a valid value: " + problem(e), e);
    }
    parent.set(
        key,
        parsed == null || parsed.isMissingNode()
            ? JsonNodeFactory.instance.textNode(value)
            : parsed);
  }

  /**
   * {@code fleetpulse.yml:12: option: reason}, or {@code fleetpulse.yml:3: reason} for a syntax
   * error.
   */
  private static String inFile(String source, YamlLines lines, JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      OptionError error = OptionError.of(mapping, lines);
      return source + ":" + lines.lineOf(error.option()) + ": " + error;
    }
    String check = crossCheck(e);
    if (check != null) {
      int end = check.indexOf(' ');
      String option = end > 0 ? check.substring(0, end) : check;
      // An option the file leaves to its default (a job's inherited interval) is shown at the
      // nearest one it writes.
      int line = lines.lineOf(option);
      return line > 0 ? source + ":" + line + ": " + check : source + ": " + check;
    }
    JsonLocation location = e.getLocation();
    String line = location != null && location.getLineNr() > 0 ? location.getLineNr() + ":" : "";
    return source + ":" + line + " " + problem(e);
  }

  /**
   * An error after the overrides: the variable's when it set the option (or one inside it), else
   * the file's.
   */
  private static String fromEnvironment(
      String source, YamlLines lines, Map<String, String> overridden, JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      OptionError error = OptionError.of(mapping, lines);
      for (Map.Entry<String, String> variable : overridden.entrySet()) {
        String option = variable.getKey();
        if (option.equals(error.option()) || option.startsWith(error.option() + ".")) {
          return "environment variable " + variable.getValue() + ": " + error;
        }
      }
      return inFile(source, lines, e);
    }
    String check = crossCheck(e);
    return source + " with environment overrides: " + (check != null ? check : problem(e));
  }

  /**
   * The reason of a check across sections, which the whole config's record makes and which starts
   * with the option it is about ("collector.ingest.max_finish_age (6s) must be shorter than ...");
   * null for any other error. Jackson's own words around it name a Java class.
   */
  private static String crossCheck(JsonProcessingException e) {
    return e instanceof JsonMappingException mapping
            && mapping.getPath().isEmpty()
            && mapping.getCause() instanceof IllegalArgumentException check
        ? check.getMessage()
        : null;
  }

  /**
   * The parser's own words without the excerpt of the text it quotes (which could hold a secret)
   * and without its location, which the caller gives as the file's line.
   */
  private static String problem(JsonProcessingException e) {
    String original =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    StringBuilder kept = new StringBuilder();
    for (String line : original.split("\\R")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        kept.append(kept.length() == 0 ? "" : "; ").append(line.trim());
      }
    }
    return kept.length() == 0 ? original.trim() : kept.toString();
  }

  /** A mapping error as the option it is about and the reason. */
  private record OptionError(String option, String reason) {

    private static final Pattern JOB_PREFIX = Pattern.compile("^job \"[^\"]*\": ");
    private static final Pattern OPTION_WORD = Pattern.compile("^([a-z_][a-z0-9_]*)[ :]");

    static OptionError of(JsonMappingException e, YamlLines lines) {
      String path = pathOf(e);
      if (e instanceof UnrecognizedPropertyException unknown) {
        return new OptionError(
            path,
            "unknown option; known here: "
                + String.join(
                    ", ",
                    unknown.getKnownPropertyIds().stream()
                        .map(Object::toString)
                        .sorted()
                        .toList()));
      }
      Throwable cause = e.getCause();
      String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : problem(e);
      if (reason == null) {
        return new OptionError(path, "invalid value");
      }
      // A record's check names the option inside it ("collector.ingest.max_body_size ..."): point
      // at that one.
      if (reason.startsWith(path + ".")) {
        int end = reason.indexOf(' ');
        if (end > 0) {
          return new OptionError(reason.substring(0, end), reason.substring(end + 1));
        }
      }
      // A job's check names the job and the option relative to it ("job \"vllm\": scrape_interval
      // ...").
      String relative = JOB_PREFIX.matcher(reason).replaceFirst("");
      Matcher word = OPTION_WORD.matcher(relative);
      if (word.find() && lines.has(path + "." + word.group(1))) {
        return new OptionError(
            path + "." + word.group(1), relative.substring(word.group(1).length()).trim());
      }
      return new OptionError(path, reason);
    }

    @Override
    public String toString() {
      return option + ": " + reason;
    }
  }

  /**
   * The option's path. A key that is no plain option name (spaces, quotes, other characters) is
   * shown as "?": a broken line can glue a secret into the key.
   */
  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        String name = reference.getFieldName();
        path.append(path.length() == 0 ? "" : ".")
            .append(OPTION_NAME.matcher(name).matches() ? name : "?");
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
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
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(PrometheusDuration.format(value));
    }
  }
}
