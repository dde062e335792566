package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The families of one body and the routes from sample names to them. A family is what a TYPE
 * line declares: its exact name routes to it, and so do the names its type adds a suffix to
 * ({@code _bucket}, {@code _sum}, {@code _count} of a histogram or summary, {@code _total} of a
 * counter, {@code _created} of all three), unless another family was declared under that exact
 * name. So TGI's counter {@code tgi_request_count} stays a counter,
 * and vLLM's histogram {@code vllm:iteration_tokens_total} keeps its buckets. A sample no TYPE
 * line claims is an untyped family of its own.
 */
final class FamilyTable {

  private record Route(FamilyBuilder family, SampleRole role) {}

  private final Map<String, Route> routes = new HashMap<>();
  private final List<FamilyBuilder> families = new ArrayList<>();

  void declareType(String name, MetricType type, TextCursor in) throws ExpositionParseException {
    FamilyBuilder family = declared(name);
    if (family.typeDeclared()) {
      throw in.error("second TYPE line for " + name);
    }
    if (family.hasSamples()) {
      throw in.error("TYPE line for " + name + " comes after its samples");
    }
    family.declareType(type);
    switch (type) {
      case HISTOGRAM:
        routes.put(name, new Route(family, SampleRole.BARE_HISTOGRAM));
        derive(family, "_bucket", SampleRole.BUCKET);
        derive(family, "_sum", SampleRole.SUM);
        derive(family, "_count", SampleRole.COUNT);
        derive(family, "_created", SampleRole.CREATED);
        break;
      case SUMMARY:
        derive(family, "_sum", SampleRole.SUM);
        derive(family, "_count", SampleRole.COUNT);
        derive(family, "_created", SampleRole.CREATED);
        break;
      case COUNTER:
        // OpenMetrics-style "TYPE x counter" with samples named x_total.
        derive(family, "_total", SampleRole.VALUE);
        derive(family, "_created", SampleRole.CREATED);
        break;
      default:
        break;
    }
  }

  void declareHelp(String name, String help, TextCursor in) throws ExpositionParseException {
    FamilyBuilder family = declared(name);
    if (family.helpDeclared()) {
      throw in.error("second HELP line for " + name);
    }
    family.declareHelp(help);
  }

  /** Hands a sample to its family, creating an untyped family for an unclaimed name. */
  void accept(String sampleName, LabelBuffer labels, double value, Long timestamp, TextCursor in)
      throws ExpositionParseException {
    Route route = routes.get(sampleName);
    if (route == null) {
      route = newFamily(sampleName);
    }
    route.family().accept(route.role(), sampleName, labels, value, timestamp, in);
  }

  /**
   * The families in order of first appearance. Families without samples are left out, and so are
   * the {@code X_created} gauges prometheus_client writes beside each counter, histogram and summary.
   */
  List<MetricFamily> build() throws ExpositionParseException {
    List<MetricFamily> built = new ArrayList<>(families.size());
    for (FamilyBuilder family : families) {
      if (family.hasSamples() && !isCreatedTimestamps(family)) {
        built.add(family.build());
      }
    }
    return built;
  }

  /** The family declared under exactly this name, taking the name over from a derived route. */
  private FamilyBuilder declared(String name) {
    Route route = routes.get(name);
    if (route != null && route.family().name().equals(name)) {
      return route.family();
    }
    return newFamily(name).family();
  }

  private Route newFamily(String name) {
    FamilyBuilder family = new FamilyBuilder(name);
    families.add(family);
    Route route = new Route(family, SampleRole.VALUE);
    routes.put(name, route);
    return route;
  }

  private void derive(FamilyBuilder family, String suffix, SampleRole role) {
    String name = family.name() + suffix;
    Route existing = routes.get(name);
    if (existing == null || !existing.family().name().equals(name)) {
      routes.put(name, new Route(family, role));
    }
  }

  private boolean isCreatedTimestamps(FamilyBuilder family) {
    String name = family.name();
    if (!name.endsWith("_created") || (family.type() != MetricType.GAUGE && family.type() != MetricType.UNTYPED)) {
      return false;
    }
    String base = name.substring(0, name.length() - "_created".length());
    return declaresType(base, MetricType.COUNTER) || declaresType(base + "_total", MetricType.COUNTER)
        || declaresType(base, MetricType.HISTOGRAM) || declaresType(base, MetricType.SUMMARY);
  }

  private boolean declaresType(String name, MetricType type) {
    Route route = routes.get(name);
    return route != null && route.family().name().equals(name) && route.family().type() == type;
  }
}
