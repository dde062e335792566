package io.fleetpulse.cli.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one scenario run: the breach, and each FleetPulse detector's and each baseline's
 * score.
 *
 * @param startMs the scenario's simulated start
 * @param breachMs the SLO breach; null when the run never breached
 */
public record Evaluation(
    String scenario,
    long startMs,
    Long breachMs,
    List<LeadTimeScore> detectors,
    List<LeadTimeScore> baselines) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The one JSON object of {@code evaluate --json}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("scenario", scenario);
    putTime(root, "breach_at", breachMs);
    putScores(root.putArray("detectors"), detectors);
    putScores(root.putArray("baselines"), baselines);
    return root.toString();
  }

  /** The scenario's section of the Markdown report. */
  public String toMarkdown(String chartFile) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(scenario).append("\n\n");
    md.append(
        breachMs == null
            ? "No SLO breach in this run.\n\n"
            : "SLO breach at "
                + minutes(breachMs)
                + " ("
                + Instant.ofEpochMilli(breachMs)
                + ").\n\n");
    md.append("| | first fired | lead | false positives |\n| --- | --- | --- | --- |\n");
    detectors.forEach(score -> row(md, "FleetPulse " + score.name(), score));
    baselines.forEach(score -> row(md, "baseline " + score.name().replace("|", "\\|"), score));
    if (chartFile != null) {
      md.append("\n![").append(scenario).append("](").append(chartFile).append(")\n");
    }
    return md.append('\n').toString();
  }

  private void row(StringBuilder md, String who, LeadTimeScore score) {
    md.append("| ")
        .append(who)
        .append(" | ")
        .append(score.firstFiredMs() == null ? "—" : minutes(score.firstFiredMs()))
        .append(" | ")
        .append(
            score.leadSeconds() == null
                ? "—"
                : String.format(Locale.ROOT, "%+.0f s", score.leadSeconds()))
        .append(" | ")
        .append(score.falsePositives())
        .append(" |\n");
  }

  private String minutes(long atMs) {
    return String.format(Locale.ROOT, "%.1f min", (atMs - startMs) / 60_000.0);
  }

  private static void putScores(ArrayNode array, List<LeadTimeScore> scores) {
    for (LeadTimeScore score : scores) {
      ObjectNode node = array.addObject();
      node.put("name", score.name());
      putTime(node, "first_fired_at", score.firstFiredMs());
      if (score.leadSeconds() == null) {
        node.putNull("lead_seconds");
      } else {
        node.put("lead_seconds", score.leadSeconds());
      }
      node.put("false_positives", score.falsePositives());
    }
  }

  private static void putTime(ObjectNode node, String field, Long atMs) {
    if (atMs == null) {
      node.putNull(field);
    } else {
      node.put(field, Instant.ofEpochMilli(atMs).toString());
    }
  }
}
