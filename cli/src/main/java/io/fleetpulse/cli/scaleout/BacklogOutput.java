package io.fleetpulse.cli.scaleout;

import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.util.HashMap;
import java.util.Map;

/**
 * Passes a fed scenario's scrapes on and keeps what they say: how many, and each node's generation
 * tokens apportioned to the checked span, by the counter rule. Request events are left out: the
 * benchmark measures what scrapes cost, and a collector takes events only from engines set up to
 * send them.
 */
final class BacklogOutput implements ScenarioOutput {

  static final String GENERATION_TOKENS = "vllm:generation_tokens_total";

  private final ScenarioOutput next;
  private final long spanStartMs;
  private final long spanEndMs;
  private final Map<String, ApportionedCounter> tokensByNode = new HashMap<>();
  private long scrapes;

  BacklogOutput(ScenarioOutput next, long spanStartMs, long spanEndMs) {
    this.next = next;
    this.spanStartMs = spanStartMs;
    this.spanEndMs = spanEndMs;
  }

  @Override
  public void scrape(String key, Scrape scrape) {
    next.scrape(key, scrape);
    scrapes++;
    if (scrape.getUp()) {
      tokensByNode
          .computeIfAbsent(key, node -> new ApportionedCounter(spanStartMs, spanEndMs))
          .add(scrape.getTimestampMs().toEpochMilli(), generationTokens(scrape));
    }
  }

  private static double generationTokens(Scrape scrape) {
    double value = 0;
    for (MetricFamily family : scrape.getFamilies()) {
      for (Sample sample : family.getSamples()) {
        if (sample.getName().equals(GENERATION_TOKENS)) {
          value += sample.getValue();
        }
      }
    }
    return value;
  }

  @Override
  public void request(String key, RequestEvent event) {}

  @Override
  public void flush() {
    next.flush();
  }

  long scrapes() {
    return scrapes;
  }

  int nodes() {
    return tokensByNode.size();
  }

  /** Generation tokens of every node in the span, as the counter rule makes of the scrapes. */
  double tokensInSpan() {
    return tokensByNode.values().stream().mapToDouble(ApportionedCounter::increase).sum();
  }
}
