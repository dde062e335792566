package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers the samples of one metric family while the body is read, then builds the Avro record. */
final class FamilyBuilder {

  private static final String LE = "le";
  private static final String QUANTILE = "quantile";

  private final String name;
  private MetricType type = MetricType.UNTYPED;
  private boolean typeDeclared;
  private String help;
  private boolean helpDeclared;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<Map<String, String>, HistogramSeries> series = new LinkedHashMap<>();
  private HistogramSeries lastSeries;

  FamilyBuilder(String name) {
    this.name = name;
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

  boolean helpDeclared() {
    return helpDeclared;
  }

  boolean hasSamples() {
    return !samples.isEmpty() || !series.isEmpty();
  }

  void declareType(MetricType declared) {
    type = declared;
    typeDeclared = true;
  }

  void declareHelp(String text) {
    help = text;
    helpDeclared = true;
  }

  void accept(SampleRole role, String sampleName, LabelBuffer labels, double value, Long timestamp, TextCursor in)
      throws ExpositionParseException {
    switch (role) {
      case CREATED:
        return;
      case BARE_HISTOGRAM:
        throw in.error("sample " + sampleName + " of histogram " + name + " needs a _bucket, _sum or _count suffix");
      case BUCKET:
        addBucket(sampleName, labels, value, in);
        return;
      case SUM:
      case COUNT:
        if (type == MetricType.HISTOGRAM) {
          HistogramSeries target = seriesFor(labels, LabelBuffer.ABSENT);
          if (role == SampleRole.SUM) {
            target.setSum(value, in.line());
          } else {
            target.setCount(value, in.line());
          }
          return;
        }
        break;
      default:
        if (type == MetricType.SUMMARY && labels.indexOf(QUANTILE) == LabelBuffer.ABSENT) {
          throw in.error("sample " + sampleName + " of summary " + name + " has no quantile label");
        }
    }
    samples.add(new Sample(sampleName, labels.toMap(LabelBuffer.ABSENT), value, timestamp));
  }

  /** The family as parsed; a histogram's samples live in its structured histograms only. */
  MetricFamily build() throws ExpositionParseException {
    List<Histogram> histograms = new ArrayList<>(series.size());
    for (HistogramSeries each : series.values()) {
      histograms.add(each.toHistogram());
    }
    return new MetricFamily(name, type, help, samples, histograms);
  }

  private void addBucket(String sampleName, LabelBuffer labels, double count, TextCursor in)
      throws ExpositionParseException {
    int le = labels.indexOf(LE);
    if (le == LabelBuffer.ABSENT) {
      throw in.error("bucket " + sampleName + " of histogram " + name + " has no le label");
    }
    double bound = in.parseFloat(labels.rawStart(le), labels.rawEnd(le), "le", sampleName);
    seriesFor(labels, le).addBucket(labels.value(le), bound, count, in.line());
  }

  /** The series these labels (without {@code skip}) belong to; usually the one of the line before. */
  private HistogramSeries seriesFor(LabelBuffer labels, int skip) {
    if (lastSeries != null && labels.sameAs(lastSeries.labels(), skip)) {
      return lastSeries;
    }
    Map<String, String> key = labels.toMap(skip);
    HistogramSeries found = series.computeIfAbsent(key, k -> new HistogramSeries(name, k));
    lastSeries = found;
    return found;
  }
}
