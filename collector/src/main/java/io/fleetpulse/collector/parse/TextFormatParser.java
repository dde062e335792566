package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import java.util.List;

/**
 * Parses the Prometheus text exposition format 0.0.4 in one pass over the body bytes. Samples are
 * grouped by the family their TYPE line declares, never by stripping suffixes from their names;
 * histograms come out structured, one {@code Histogram} per label set; {@code _created} series are
 * dropped. Stateless, so one instance can serve any number of threads.
 */
public final class TextFormatParser implements ExpositionParser {

  private static final String[] TYPE_WORDS = {"counter", "gauge", "histogram", "summary", "untyped"};
  private static final MetricType[] TYPES = {
    MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.SUMMARY, MetricType.UNTYPED
  };

  @Override
  public List<MetricFamily> parse(byte[] body) throws ExpositionParseException {
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
    return families.build();
  }

  /** HELP and TYPE lines; any other comment is ignored. */
  private static void readComment(TextCursor in, FamilyTable families) throws ExpositionParseException {
    in.skipBlanks();
    if (in.skipWord("HELP")) {
      in.skipBlanks();
      String name = in.readMetricName();
      in.skipBlanks();
      families.declareHelp(name, in.readHelpText(), in);
    } else if (in.skipWord("TYPE")) {
      in.skipBlanks();
      String name = in.readMetricName();
      in.skipBlanks();
      MetricType type = readType(in, name);
      in.expectLineEnd("TYPE line for", name);
      families.declareType(name, type, in);
    }
  }

  private static MetricType readType(TextCursor in, String name) throws ExpositionParseException {
    if (in.atLineEnd()) {
      throw in.error("TYPE line for " + name + " has no type");
    }
    for (int i = 0; i < TYPE_WORDS.length; i++) {
      if (in.skipWord(TYPE_WORDS[i])) {
        return TYPES[i];
      }
    }
    throw in.error("unknown type " + in.preview() + " for " + name
        + " (expected counter, gauge, histogram, summary or untyped)");
  }

  private static void readSample(TextCursor in, FamilyTable families, SampleLine sample)
      throws ExpositionParseException {
    String name = in.readMetricName();
    sample.reset(name);
    in.skipBlanks();
    if (in.peek() == '{') {
      in.readLabels(sample.labels);
      in.skipBlanks();
    }
    sample.value = in.readValue(name);
    in.skipBlanks();
    if (in.peek() == '#') {
      throw in.error("unexpected '#' after the value of " + name + " (exemplars exist in OpenMetrics only)");
    }
    sample.timestamp = in.readOptionalTimestamp();
    in.expectLineEnd("sample", name);
    families.accept(sample, in);
  }
}
