package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricType;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format 0.0.4 in one pass over the body bytes, accepting
 * what Prometheus' own text parser (prometheus/common expfmt) accepts, less what no sane record can
 * hold. Samples are grouped by the family their TYPE line declares, never by stripping suffixes
 * from their names; histograms come out structured, one {@code Histogram} per label set; {@code
 * _created} series are dropped. Stateless, so one instance can serve any number of threads.
 */
public final class TextFormatParser implements ExpositionParser {

  /** The type words, in any case; expfmt spells a gauge histogram both ways. */
  private static final Map<String, MetricType> TYPES =
      Map.of(
          "counter", MetricType.COUNTER,
          "gauge", MetricType.GAUGE,
          "histogram", MetricType.HISTOGRAM,
          "gaugehistogram", MetricType.GAUGE_HISTOGRAM,
          "gauge_histogram", MetricType.GAUGE_HISTOGRAM,
          "summary", MetricType.SUMMARY,
          "untyped", MetricType.UNTYPED);

  @Override
  public ParsedExposition read(byte[] body) throws ExpositionParseException {
    TextCursor in = new TextCursor(body, ExpositionFormat.PROMETHEUS_TEXT);
    FamilyTable families = new FamilyTable(ExpositionFormat.PROMETHEUS_TEXT);
    SampleLine sample = new SampleLine();
    while (in.nextLine()) {
      in.skipBlanks();
      if (in.atLineEnd()) {
        continue;
      }
      if (in.skip('#')) {
        readComment(in, families);
      } else {
        readSample(in, families, sample);
      }
    }
    if (in.lastLineUnterminated()) {
      throw in.error(
          "the last line does not end with a line feed (the text format ends every line with one)");
    }
    return families.build();
  }

  /**
   * HELP and TYPE lines; any other comment is ignored, and so is a HELP or TYPE line that stops
   * after the keyword or the name, as Prometheus' text parser ignores them.
   */
  private static void readComment(TextCursor in, FamilyTable families)
      throws ExpositionParseException {
    in.skipBlanks();
    boolean help = in.skipWord("HELP");
    if (!help && !in.skipWord("TYPE")) {
      return;
    }
    in.skipBlanks();
    if (in.atLineEnd()) {
      return;
    }
    String name = in.readFamilyName();
    in.skipBlanks();
    if (in.atLineEnd()) {
      return;
    }
    if (help) {
      families.declareHelp(name, in.readHelpText(), in);
    } else {
      families.declareType(name, readType(in, name), in);
    }
  }

  private static MetricType readType(TextCursor in, String name) throws ExpositionParseException {
    String word = in.readRestOfLine();
    MetricType type = TYPES.get(word.toLowerCase(Locale.ROOT));
    if (type == null) {
      throw in.error(
          "unknown type \""
              + word
              + "\" for "
              + name
              + " (expected counter, gauge, histogram, gaugehistogram, summary or untyped)");
    }
    return type;
  }

  private static void readSample(TextCursor in, FamilyTable families, SampleLine sample)
      throws ExpositionParseException {
    sample.reset(in.peek() == '{' ? null : in.readMetricName());
    in.skipBlanks();
    if (in.peek() == '{') {
      sample.name = in.readTextLabels(sample.labels, sample.name);
      in.skipBlanks();
    }
    String name = sample.name;
    if (name == null) {
      throw in.error(
          "sample without a metric name, neither before its labels nor quoted among them");
    }
    sample.value = in.readValue(name);
    in.skipBlanks();
    if (in.peek() == '#') {
      throw in.error(
          "unexpected '#' after the value of " + name + " (exemplars exist in OpenMetrics only)");
    }
    sample.timestamp = in.readOptionalTimestamp();
    in.expectLineEnd("sample", name);
    families.accept(sample, in);
  }
}
