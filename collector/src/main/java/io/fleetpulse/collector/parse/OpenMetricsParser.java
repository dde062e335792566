package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricType;

/**
 * Parses OpenMetrics 1.0 text in one pass over the body bytes, into the same families as {@link
 * TextFormatParser}: a counter family {@code x} keeps its name and its samples their {@code
 * x_total} names; {@code _created} samples are dropped; gauge histograms come out as structured
 * histograms (from {@code _gsum} and {@code _gcount}); info and stateset samples are kept as
 * samples; exemplars are checked and dropped; timestamps (seconds) become milliseconds. The format
 * is strict, and so is this parser: single spaces, no blank lines or free comments, each family's
 * lines together, and {@code # EOF} at the end. Stateless, so one instance serves any number of
 * threads.
 */
public final class OpenMetricsParser implements ExpositionParser {

  private static final String[] TYPE_WORDS = {
    "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"
  };
  private static final MetricType[] TYPES = {
    MetricType.COUNTER,
    MetricType.GAUGE,
    MetricType.HISTOGRAM,
    MetricType.GAUGE_HISTOGRAM,
    MetricType.SUMMARY,
    MetricType.INFO,
    MetricType.STATESET,
    MetricType.UNTYPED
  };

  /** OpenMetrics limits an exemplar's label names and values to this many characters in all. */
  private static final int EXEMPLAR_LABELS_LIMIT = 128;

  @Override
  public ParsedExposition read(byte[] body) throws ExpositionParseException {
    TextCursor in = new TextCursor(body, ExpositionFormat.OPENMETRICS_TEXT);
    FamilyTable families = new FamilyTable(ExpositionFormat.OPENMETRICS_TEXT);
    SampleLine sample = new SampleLine();
    LabelBuffer exemplarLabels = new LabelBuffer();
    while (in.nextLine()) {
      if (in.atLineEnd()) {
        throw in.error("empty line (OpenMetrics has none; the exposition ends with # EOF)");
      }
      if (!in.skip('#')) {
        readSample(in, families, sample, exemplarLabels);
      } else if (readDescriptor(in, families)) {
        if (in.nextLine()) {
          throw in.error("content after # EOF");
        }
        return families.build();
      }
    }
    throw new ExpositionParseException(
        in.line() + 1, "missing # EOF (an OpenMetrics exposition ends with it)");
  }

  /** A TYPE, HELP or UNIT line, or the EOF line, for which it returns true. */
  private static boolean readDescriptor(TextCursor in, FamilyTable families)
      throws ExpositionParseException {
    if (!in.skip(' ')) {
      throw in.error("expected a space after '#', found " + in.preview());
    }
    if (in.skipWord("EOF")) {
      if (!in.atLineEnd()) {
        throw in.error("unexpected text after # EOF");
      }
      return true;
    }
    if (in.skipWord("TYPE")) {
      in.expectSpace("after TYPE");
      String name = in.readMetricName();
      in.expectSpace("after " + name);
      MetricType type = readType(in, name);
      in.expectLineEnd("TYPE line for", name);
      families.declareType(name, type, in);
    } else if (in.skipWord("HELP")) {
      in.expectSpace("after HELP");
      String name = readDescribedName(in);
      families.declareHelp(name, in.readHelpText(), in);
    } else if (in.skipWord("UNIT")) {
      in.expectSpace("after UNIT");
      String name = readDescribedName(in);
      families.declareUnit(name, in.readUnit(name), in);
    } else {
      throw in.error(
          "unexpected comment "
              + in.preview()
              + " (OpenMetrics allows only # TYPE, # HELP, # UNIT and # EOF lines)");
    }
    return false;
  }

  /**
   * The family name of a HELP or UNIT line and the space after it, before a text that may be empty.
   */
  private static String readDescribedName(TextCursor in) throws ExpositionParseException {
    String name = in.readMetricName();
    if (!in.skip(' ')) {
      throw in.error(
          "expected a space after "
              + name
              + ", found "
              + in.preview()
              + " (a HELP or UNIT line has one before its text, even an empty text)");
    }
    return name;
  }

  private static MetricType readType(TextCursor in, String name) throws ExpositionParseException {
    for (int i = 0; i < TYPE_WORDS.length; i++) {
      if (in.skipWord(TYPE_WORDS[i])) {
        return TYPES[i];
      }
    }
    throw in.error(
        "unknown type "
            + in.preview()
            + " for "
            + name
            + " (expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown)");
  }

  private static void readSample(
      TextCursor in, FamilyTable families, SampleLine sample, LabelBuffer exemplarLabels)
      throws ExpositionParseException {
    String name = in.readMetricName();
    sample.reset(name);
    if (in.peek() == '{') {
      in.readLabels(sample.labels);
    }
    in.expectSpace("before the value of", name);
    sample.value = in.readValue(name);
    if (!in.atLineEnd()) {
      in.expectSpace("after the value of", name);
      if (in.peek() != '#') {
        sample.exactTimestamp = in.readTimestampSeconds(name);
        if (TextCursor.holdsMilliseconds(sample.exactTimestamp)) {
          sample.timestamp = TextCursor.milliseconds(sample.exactTimestamp);
        } else {
          sample.timestampBeyondMilliseconds = true;
        }
        if (!in.atLineEnd()) {
          in.expectSpace("after the timestamp of", name);
        }
      }
      if (!in.atLineEnd()) {
        readExemplar(in, name, exemplarLabels);
        sample.exemplar = true;
      }
    }
    families.accept(sample, in);
  }

  /** {@code # {labels} value [timestamp]} after a sample; checked, then dropped. */
  private static void readExemplar(TextCursor in, String name, LabelBuffer labels)
      throws ExpositionParseException {
    if (!in.skip('#')) {
      throw in.error("unexpected " + in.preview() + " at the end of sample " + name);
    }
    in.expectSpace("after '#' in the exemplar of", name);
    if (in.peek() != '{') {
      throw in.error(
          "expected '{' to open the labels of the exemplar of " + name + ", found " + in.preview());
    }
    labels.clear();
    in.readLabels(labels);
    if (labels.codePoints() > EXEMPLAR_LABELS_LIMIT) {
      throw in.error(
          "the exemplar of "
              + name
              + " has labels of "
              + labels.codePoints()
              + " characters (at most "
              + EXEMPLAR_LABELS_LIMIT
              + ")");
    }
    in.expectSpace("before the value of the exemplar of", name);
    in.readValue("the exemplar of " + name);
    if (!in.atLineEnd()) {
      in.expectSpace("after the value of the exemplar of", name);
      in.readTimestampSeconds("the exemplar of " + name);
    }
    in.expectLineEnd("the exemplar of", name);
  }
}
