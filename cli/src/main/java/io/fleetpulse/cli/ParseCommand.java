package io.fleetpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpulse.collector.parse.ExpositionFormat;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.ExpositionProblem;
import io.fleetpulse.collector.parse.ParsedExposition;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.MetricFamily;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parses exposition files as the collector would; prints one JSON line per file:",
      "  {\"file\":…,\"ok\":true,\"format\":…,\"families\":N,\"samples\":M}",
      "  or, for a syntax error, which refuses the whole file, {\"file\":…,\"ok\":false,\"error\":\"line N: …\"}",
      "where families and samples count what the collector keeps (samples: plain samples and histogram",
      "buckets, +Inf included). Families the collector drops while it keeps the rest are listed:",
      "  \"problems\":[{\"line\":N,\"family\":…,\"reason\":…,\"severity\":\"semantic|unusable\"}]",
      "semantic: the format refuses the family, so ok is false and error names the first such problem;",
      "unusable: the format accepts it, but no sane record can hold it (a NaN bucket count), so ok stays true.",
      "Exit status: 0 when the format accepts every file, 1 otherwise."
    })
final class ParseCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--format",
      defaultValue = "auto",
      converter = FormatConverter.class,
      paramLabel = "auto|prometheus|openmetrics",
      description =
          "auto detects OpenMetrics by a last line '# EOF' (else text 0.0.4); prometheus is text format "
              + "0.0.4; openmetrics is OpenMetrics 1.0 text. Default: ${DEFAULT-VALUE}.")
  ExpositionFormat format;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Exposition files, e.g. saved /metrics responses.")
  List<Path> files;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allParsed = true;
    for (Path file : files) {
      ObjectNode line = JSON.createObjectNode();
      line.put("file", file.toString());
      allParsed &= parse(file, line);
      out.println(line);
    }
    out.flush();
    return allParsed ? 0 : 1;
  }

  /** Parses one file into {@code line}; true when the format accepts it. */
  private boolean parse(Path file, ObjectNode line) {
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return failed(line, "no such file");
    } catch (IOException e) {
      return failed(line, "cannot read the file: " + e.getMessage());
    }
    ExpositionFormat chosen = format != null ? format : ExpositionFormat.detect(body);
    ParsedExposition parsed;
    try {
      parsed = Parsers.forFormat(chosen).read(body);
    } catch (ExpositionParseException e) {
      return failed(line, e.getMessage());
    }
    boolean accepted = parsed.firstRefusal().isEmpty();
    List<MetricFamily> families = parsed.families();
    line.put("ok", accepted);
    line.put("format", chosen.id());
    line.put("families", families.size());
    line.put("samples", families.stream().mapToInt(ParseCommand::samples).sum());
    parsed.firstRefusal().ifPresent(refusal -> line.put("error", refusal.message()));
    if (!parsed.problems().isEmpty()) {
      ArrayNode problems = line.putArray("problems");
      for (ExpositionProblem problem : parsed.problems()) {
        problems
            .addObject()
            .put("line", problem.line())
            .put("family", problem.family())
            .put("reason", problem.reason())
            .put("severity", problem.severity().label());
      }
    }
    return accepted;
  }

  private static boolean failed(ObjectNode line, String error) {
    line.put("ok", false);
    line.put("error", error);
    return false;
  }

  private static int samples(MetricFamily family) {
    return family.getSamples().size()
        + family.getHistograms().stream()
            .mapToInt(histogram -> histogram.getCumulativeCounts().size())
            .sum();
  }

  /** {@code auto} is null: the format is then detected per file. */
  static final class FormatConverter implements ITypeConverter<ExpositionFormat> {
    @Override
    public ExpositionFormat convert(String value) {
      if (value.equals("auto")) {
        return null;
      }
      for (ExpositionFormat candidate : ExpositionFormat.values()) {
        if (candidate.id().equals(value)) {
          return candidate;
        }
      }
      throw new TypeConversionException("'" + value + "' is not auto, prometheus or openmetrics");
    }
  }
}
