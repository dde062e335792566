package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gathers the samples of one metric family while the body is read, then builds the Avro record. */
final class FamilyBuilder {

  private static final String LE = "le";
  private static final String QUANTILE = "quantile";
  private static final String INF = "+Inf";

  private final String name;
  private final boolean openMetrics;
  private MetricType type = MetricType.UNTYPED;
  private boolean typeDeclared;
  private String help;
  private boolean helpDeclared;
  private String unit;
  private boolean dropped;
  private final List<Sample> samples = new ArrayList<>();

  /** The histogram series by label set (without le); created with the first one. */
  private Map<Map<String, String>, HistogramSeries> series;

  private HistogramSeries lastSeries;

  /** OpenMetrics' ordering rules for the samples; histograms keep theirs in {@link #seriesFor}. */
  private MetricOrder order;

  FamilyBuilder(String name, boolean openMetrics) {
    this.name = name;
    this.openMetrics = openMetrics;
  }

  String name() {
    return name;
  }

  MetricType type() {
    return type;
  }

  boolean typeDeclared() {
    return typeDeclared;
  }

  /**
   * OpenMetrics: this family's samples come again after other families' lines, which only an
   * undeclared family's may; the metric they interrupted stays finished.
   */
  void resume() {
    if (order != null) {
      order.interrupt();
    }
  }

  /** Whether a TYPE, HELP or UNIT line named this family. */
  boolean described() {
    return typeDeclared || helpDeclared || unitDeclared();
  }

  boolean helpDeclared() {
    return helpDeclared;
  }

  boolean unitDeclared() {
    return unit != null;
  }

  /** Whether a problem confined to this family has dropped it; its later lines are ignored. */
  boolean dropped() {
    return dropped;
  }

  void drop() {
    dropped = true;
  }

  boolean hasSamples() {
    return !samples.isEmpty() || series != null;
  }

  void declareType(MetricType declared, TextCursor in) throws ExpositionParseException {
    type = declared;
    typeDeclared = true;
    checkUnit(in);
  }

  /** An empty HELP text in OpenMetrics means no HELP at all. */
  void declareHelp(String text) {
    help = openMetrics && text.isEmpty() ? null : text;
    helpDeclared = true;
  }

  /**
   * OpenMetrics: a unit must be the last part of the family name, as in foo_seconds for seconds.
   */
  void declareUnit(String declared, TextCursor in) throws ExpositionParseException {
    unit = declared;
    if (!unit.isEmpty() && !name.endsWith("_" + unit)) {
      throw in.error(
          "family " + name + " has unit " + unit + " but its name does not end in _" + unit);
    }
    checkUnit(in);
  }

  void accept(SampleRole role, SampleLine sample, TextCursor in) throws ExpositionParseException {
    if (sample.exemplar && !takesExemplars(role)) {
      throw sampleError(
          sample,
          in,
          "has an exemplar (only counter _total and histogram _bucket samples may have one)");
    }
    switch (role) {
      case CREATED:
        return;
      case SUFFIX_REQUIRED:
        if (!openMetrics) {
          // Prometheus' own text parser reads a histogram's bare name as nothing: no bucket, sum or
          // count.
          return;
        }
        throw sampleError(sample, in, "needs " + requiredSuffixes());
      case BUCKET:
        addBucket(sample, in);
        return;
      case SUM:
      case COUNT:
        if (type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM) {
          addSumOrCount(role, sample, in);
          return;
        }
        break;
      default:
        if (type == MetricType.SUMMARY) {
          checkQuantileLabel(sample, in);
        }
    }
    if (openMetrics) {
      OpenMetricsRules.checkValue(type, role, name, sample, in);
      if (!checkOrder(sample, in)) {
        return;
      }
    }
    samples.add(
        new Sample(
            sample.name, sample.labels.toMap(LabelBuffer.ABSENT), sample.value, sample.timestamp));
  }

  /** The family as parsed; a histogram's samples live in its structured histograms only. */
  MetricFamily build() throws ExpositionParseException {
    if (series == null) {
      return new MetricFamily(name, type, help, samples, List.of());
    }
    List<Histogram> histograms = new ArrayList<>(series.size());
    for (HistogramSeries each : series.values()) {
      histograms.add(each.toHistogram());
    }
    return new MetricFamily(name, type, help, samples, histograms);
  }

  /**
   * A summary's quantile sample names its quantile as a number. Text 0.0.4 takes any float there
   * (Prometheus stores {@code quantile="-12.34"}) and keeps a sample without one; OpenMetrics
   * checks its range later.
   */
  private void checkQuantileLabel(SampleLine sample, TextCursor in)
      throws ExpositionParseException {
    int quantile = sample.labels.indexOf(QUANTILE);
    if (quantile == LabelBuffer.ABSENT) {
      if (openMetrics) {
        throw sampleError(sample, in, "has no quantile label");
      }
    } else if (!openMetrics) {
      in.parseLabelNumber(sample.labels, quantile, sample.name);
    }
  }

  private void addBucket(SampleLine sample, TextCursor in) throws ExpositionParseException {
    LabelBuffer labels = sample.labels;
    int le = labels.indexOf(LE);
    if (le == LabelBuffer.ABSENT && !openMetrics) {
      // Prometheus' own text parser ignores a bucket without a bound, and one whose bound is NaN.
      return;
    }
    if (le == LabelBuffer.ABSENT) {
      throw in.error(
          "bucket " + sample.name + " of " + typeName() + " " + name + " has no le label");
    }
    double bound = in.parseLabelNumber(labels, le, sample.name);
    if (Double.isNaN(bound) && !openMetrics) {
      return;
    }
    if (openMetrics && bound == Double.POSITIVE_INFINITY && !labels.value(le).equals(INF)) {
      throw in.error(
          "bucket le=\""
              + labels.value(le)
              + "\" of "
              + typeName()
              + " "
              + name
              + " must be written le=\""
              + INF
              + "\" (OpenMetrics' one form of infinity)");
    }
    HistogramSeries target = seriesFor(labels, le, in);
    if (openMetrics) {
      target.at(sample.exactTimestamp, in.line());
    }
    target.addBucket(labels.value(le), bound, sample.value, in.line());
  }

  private void addSumOrCount(SampleRole role, SampleLine sample, TextCursor in)
      throws ExpositionParseException {
    if (openMetrics && sample.labels.indexOf(LE) != LabelBuffer.ABSENT) {
      throw in.error(
          "sample "
              + sample.name
              + " has an le label; only the _bucket samples of "
              + name
              + " have one");
    }
    HistogramSeries target = seriesFor(sample.labels, LabelBuffer.ABSENT, in);
    if (openMetrics) {
      target.at(sample.exactTimestamp, in.line());
    }
    if (role == SampleRole.SUM) {
      target.setSum(sample.name, sample.value, in.line());
    } else {
      target.setCount(sample.name, sample.value, in.line());
    }
  }

  /**
   * The series these labels (without {@code skip}) belong to; usually the one of the line before.
   */
  private HistogramSeries seriesFor(LabelBuffer labels, int skip, TextCursor in)
      throws ExpositionParseException {
    if (lastSeries != null && labels.sameAs(lastSeries.labels(), skip)) {
      return lastSeries;
    }
    Map<String, String> key = labels.toMap(skip);
    if (series == null) {
      series = new LinkedHashMap<>();
    }
    HistogramSeries found = series.get(key);
    if (found == null) {
      // The series of a family mostly share their buckets, so the last one's count is a good guess.
      found =
          new HistogramSeries(
              name, type, key, openMetrics, lastSeries == null ? 0 : lastSeries.bucketCount());
      series.put(key, found);
    } else if (openMetrics) {
      throw in.error(
          "series "
              + name
              + Labels.format(key)
              + " continues after another series of "
              + name
              + " (metrics must not be interleaved)");
    }
    lastSeries = found;
    return found;
  }

  /**
   * OpenMetrics: each metric's points together and in time order; a summary's quantiles and a
   * stateset's states are points of one metric. An info family's samples are all one group, as the
   * OpenMetrics reference parser groups them. False for a repeat of a point at the same time, which
   * is left out.
   */
  private boolean checkOrder(SampleLine sample, TextCursor in) throws ExpositionParseException {
    if (order == null) {
      order = new MetricOrder(name, type != MetricType.INFO);
    }
    if (type == MetricType.INFO) {
      return order.check(
          Map.of(),
          sample.name + Labels.format(sample.labels.toMap(LabelBuffer.ABSENT)),
          sample.exactTimestamp,
          in);
    }
    int pointLabel = sample.labels.indexOf(type == MetricType.STATESET ? name : QUANTILE);
    String point =
        pointLabel == LabelBuffer.ABSENT
            ? sample.name
            : sample.name + '{' + sample.labels.value(pointLabel) + '}';
    return order.check(sample.labels.toMap(pointLabel), point, sample.exactTimestamp, in);
  }

  private boolean takesExemplars(SampleRole role) {
    return (type == MetricType.COUNTER && role == SampleRole.VALUE) || role == SampleRole.BUCKET;
  }

  private void checkUnit(TextCursor in) throws ExpositionParseException {
    if (unit != null
        && !unit.isEmpty()
        && (type == MetricType.INFO || type == MetricType.STATESET)) {
      throw in.error(typeName() + " " + name + " must not have a unit");
    }
  }

  private String requiredSuffixes() {
    return switch (type) {
      case COUNTER -> "the suffix _total";
      case INFO -> "the suffix _info";
      case GAUGE_HISTOGRAM -> "a _bucket, _gsum or _gcount suffix";
      default -> "a _bucket, _sum or _count suffix";
    };
  }

  private ExpositionParseException sampleError(SampleLine sample, TextCursor in, String problem) {
    return in.error("sample " + sample.name + " of " + typeName() + " " + name + " " + problem);
  }

  private String typeName() {
    return switch (type) {
      case GAUGE_HISTOGRAM -> "gauge histogram";
      case UNTYPED -> openMetrics ? "unknown" : "untyped";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }
}
