package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The families of one body and the routes from sample names to them. A family is what a TYPE line
 * declares: its exact name routes to it, and so do the names its type adds a suffix to ({@code
 * _bucket}, {@code _sum}, {@code _count} of a histogram or summary, {@code _total} of a counter,
 * {@code _created} of all three, and in OpenMetrics {@code _gsum}/{@code _gcount} of a gauge
 * histogram and {@code _info} of an info family). So TGI's counter {@code tgi_request_count} stays
 * a counter, and vLLM's histogram {@code vllm:iteration_tokens_total} keeps its buckets. A sample
 * no TYPE line claims is an untyped family of its own.
 *
 * <p>Text 0.0.4 lets an exact family name win over another family's suffixed name. OpenMetrics
 * forbids such clashes and requires each family's lines to be contiguous, metadata first.
 *
 * <p>A problem found inside one family (a bucket count that decreases, a counter that is NaN) drops
 * that family and is kept as an {@link ExpositionProblem}; the family's later lines are still
 * routed to it, and ignored, so one bad family never makes its neighbours' lines look wrong.
 */
final class FamilyTable {

  private record Route(FamilyBuilder family, SampleRole role) {}

  private record Suffix(String suffix, SampleRole role) {}

  private static final Suffix CREATED = new Suffix("_created", SampleRole.CREATED);
  private static final Suffix SUM = new Suffix("_sum", SampleRole.SUM);
  private static final Suffix COUNT = new Suffix("_count", SampleRole.COUNT);
  private static final Suffix BUCKET = new Suffix("_bucket", SampleRole.BUCKET);
  private static final Suffix TOTAL = new Suffix("_total", SampleRole.VALUE);
  private static final Suffix[] NONE = {};
  private static final Suffix[] COUNTER_SUFFIXES = {TOTAL, CREATED};
  private static final Suffix[] HISTOGRAM_SUFFIXES = {BUCKET, SUM, COUNT, CREATED};
  private static final Suffix[] SUMMARY_SUFFIXES = {SUM, COUNT, CREATED};
  private static final Suffix[] GAUGE_HISTOGRAM_SUFFIXES = {
    BUCKET, new Suffix("_gsum", SampleRole.SUM), new Suffix("_gcount", SampleRole.COUNT)
  };

  /** Text 0.0.4 writes a gauge histogram's sum and count as a histogram's. */
  private static final Suffix[] TEXT_GAUGE_HISTOGRAM_SUFFIXES = {BUCKET, SUM, COUNT};

  private static final Suffix[] INFO_SUFFIXES = {new Suffix("_info", SampleRole.VALUE)};

  private final boolean openMetrics;
  private final List<ExpositionProblem> problems = new ArrayList<>();
  private final Map<String, Route> routes = new HashMap<>();
  private final List<FamilyBuilder> families = new ArrayList<>();

  /**
   * OpenMetrics: the family whose lines are being read; no other family's may come until it ends.
   */
  private FamilyBuilder current;

  /**
   * The route of the sample before: consecutive samples mostly share their name, and names are
   * interned for the parse, so the same name is the same String.
   */
  private String lastSampleName;

  private Route lastRoute;

  FamilyTable(ExpositionFormat format) {
    this.openMetrics = format == ExpositionFormat.OPENMETRICS_TEXT;
  }

  void declareType(String name, MetricType type, TextCursor in) throws ExpositionParseException {
    FamilyBuilder family = describedFamily(name, "TYPE", in);
    if (family.typeDeclared()) {
      throw in.error("second TYPE line for " + name);
    }
    if (family.hasSamples()) {
      throw in.error("TYPE line for " + name + " comes after its samples");
    }
    family.declareType(type, in);
    if (bareNameNeedsSuffix(type)) {
      routes.put(name, new Route(family, SampleRole.SUFFIX_REQUIRED));
    }
    for (Suffix suffix : suffixes(type)) {
      derive(family, suffix, in);
    }
  }

  void declareHelp(String name, String help, TextCursor in) throws ExpositionParseException {
    FamilyBuilder family = describedFamily(name, "HELP", in);
    if (family.helpDeclared()) {
      throw in.error("second HELP line for " + name);
    }
    family.declareHelp(help);
  }

  /** OpenMetrics' UNIT line; text 0.0.4 has none. */
  void declareUnit(String name, String unit, TextCursor in) throws ExpositionParseException {
    FamilyBuilder family = describedFamily(name, "UNIT", in);
    if (family.unitDeclared()) {
      throw in.error("second UNIT line for " + name);
    }
    family.declareUnit(unit, in);
  }

  /** Hands a sample to its family, creating an untyped family for an unclaimed name. */
  void accept(SampleLine sample, TextCursor in) throws ExpositionParseException {
    Route route = sample.name == lastSampleName ? lastRoute : routes.get(sample.name);
    if (route == null) {
      route = newFamily(sample.name);
      current = route.family();
    } else if (openMetrics && route.family() != current) {
      if (route.family().described()) {
        throw in.error(
            "sample "
                + sample.name
                + " of family "
                + route.family().name()
                + " comes after another family's lines (families must not be interleaved)");
      }
      // No metadata line declared this family, so its name is only that of its samples, and
      // samples of undeclared names may come in any order, as Prometheus' OpenMetrics parser reads
      // them (e.g. a counter's _total and _created lines written without a TYPE line); each
      // metric's lines still stay together.
      current = route.family();
      current.resume();
    }
    lastSampleName = sample.name;
    lastRoute = route;
    FamilyBuilder family = route.family();
    if (family.dropped()) {
      return;
    }
    try {
      if (sample.timestampBeyondMilliseconds) {
        throw ExpositionParseException.unusable(
            in.line(),
            "timestamp of "
                + sample.name
                + " lies beyond what 64-bit milliseconds since the epoch hold");
      }
      family.accept(route.role(), sample, in);
    } catch (ExpositionParseException e) {
      drop(family, e);
    }
  }

  /**
   * The families in order of first appearance. Families without samples are left out, and so are
   * the {@code X_created} gauges prometheus_client writes beside each counter, histogram and
   * summary in text 0.0.4 (OpenMetrics has them inside the family, where they are dropped too).
   */
  ParsedExposition build() {
    List<MetricFamily> built = new ArrayList<>(families.size());
    for (FamilyBuilder family : families) {
      if (family.dropped() || !family.hasSamples() || isCreatedTimestamps(family)) {
        continue;
      }
      try {
        built.add(family.build());
      } catch (ExpositionParseException e) {
        drop(family, e);
      }
    }
    problems.sort(Comparator.comparingInt(ExpositionProblem::line));
    return new ParsedExposition(built, List.copyOf(problems));
  }

  private void drop(FamilyBuilder family, ExpositionParseException problem) {
    family.drop();
    problems.add(
        new ExpositionProblem(
            problem.line(),
            family.name(),
            problem.reason(),
            problem.formatAccepts()
                ? ExpositionProblem.Severity.UNUSABLE
                : ExpositionProblem.Severity.SEMANTIC));
  }

  /**
   * The family a metadata line of this {@code kind} describes: the one declared under exactly this
   * name, or a new one, which in text 0.0.4 takes the name over from another family's suffixed
   * sample name.
   */
  private FamilyBuilder describedFamily(String name, String kind, TextCursor in)
      throws ExpositionParseException {
    // Metadata can change the routes, that of the sample before included.
    lastSampleName = null;
    Route route = routes.get(name);
    boolean known = route != null && route.family().name().equals(name);
    if (openMetrics && route != null && !known) {
      throw clash(name, route.family().name(), name, in);
    }
    FamilyBuilder family = known ? route.family() : newFamily(name).family();
    if (openMetrics) {
      if (known && family != current) {
        throw in.error(
            kind
                + " line for "
                + name
                + " comes after another family's lines (families must not be interleaved)");
      }
      if (family.hasSamples()) {
        throw in.error(kind + " line for " + name + " comes after its samples");
      }
      current = family;
    }
    return family;
  }

  private Route newFamily(String name) {
    FamilyBuilder family = new FamilyBuilder(name, openMetrics);
    families.add(family);
    Route route = new Route(family, SampleRole.VALUE);
    routes.put(name, route);
    return route;
  }

  private void derive(FamilyBuilder family, Suffix suffix, TextCursor in)
      throws ExpositionParseException {
    String name = family.name() + suffix.suffix();
    Route existing = routes.get(name);
    if (existing != null && openMetrics) {
      throw clash(name, existing.family().name(), family.name(), in);
    }
    if (existing == null || !existing.family().name().equals(name)) {
      routes.put(name, new Route(family, suffix.role()));
    }
  }

  private static ExpositionParseException clash(
      String sampleName, String first, String second, TextCursor in) {
    return in.error(
        "the sample name "
            + sampleName
            + " would belong to family "
            + first
            + " and to family "
            + second
            + " (family names must not clash)");
  }

  private boolean bareNameNeedsSuffix(MetricType type) {
    return type == MetricType.HISTOGRAM
        || type == MetricType.GAUGE_HISTOGRAM
        || (openMetrics && (type == MetricType.COUNTER || type == MetricType.INFO));
  }

  private Suffix[] suffixes(MetricType type) {
    return switch (type) {
      case COUNTER -> COUNTER_SUFFIXES;
      case HISTOGRAM -> HISTOGRAM_SUFFIXES;
      case SUMMARY -> SUMMARY_SUFFIXES;
      case GAUGE_HISTOGRAM ->
          openMetrics ? GAUGE_HISTOGRAM_SUFFIXES : TEXT_GAUGE_HISTOGRAM_SUFFIXES;
      case INFO -> INFO_SUFFIXES;
      default -> NONE;
    };
  }

  private boolean isCreatedTimestamps(FamilyBuilder family) {
    String name = family.name();
    if (openMetrics
        || !name.endsWith("_created")
        || (family.type() != MetricType.GAUGE && family.type() != MetricType.UNTYPED)) {
      return false;
    }
    String base = name.substring(0, name.length() - "_created".length());
    return declaresType(base, MetricType.COUNTER)
        || declaresType(base + "_total", MetricType.COUNTER)
        || declaresType(base, MetricType.HISTOGRAM)
        || declaresType(base, MetricType.SUMMARY);
  }

  private boolean declaresType(String name, MetricType type) {
    Route route = routes.get(name);
    return route != null && route.family().name().equals(name) && route.family().type() == type;
  }
}
