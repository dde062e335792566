package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint to scrape, with everything a scrape needs: where, how often, how long to wait, and
 * the labels its records carry ({@code target_labels}: the static config's labels plus {@code job}
 * and {@code instance}).
 */
public record ScrapeTarget(
    String job,
    String cluster,
    String instance,
    URI url,
    Map<String, String> labels,
    Duration interval,
    Duration timeout) {

  public static final String JOB_LABEL = "job";
  public static final String INSTANCE_LABEL = "instance";

  /** Every target of every job, in config order. */
  public static List<ScrapeTarget> allOf(CollectorConfig config) {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (ScrapeConfig job : config.scrapeConfigs()) {
      for (StaticConfig group : job.staticConfigs()) {
        for (String instance : group.targets()) {
          targets.add(of(job, group, instance));
        }
      }
    }
    return targets;
  }

  private static ScrapeTarget of(ScrapeConfig job, StaticConfig group, String instance) {
    Map<String, String> labels = new LinkedHashMap<>(group.labels());
    labels.put(JOB_LABEL, job.jobName());
    labels.put(INSTANCE_LABEL, instance);
    return new ScrapeTarget(job.jobName(), group.cluster(), instance, url(job, instance),
        Collections.unmodifiableMap(labels), job.scrapeInterval(), job.scrapeTimeout());
  }

  private static URI url(ScrapeConfig job, String instance) {
    String text = job.scheme() + "://" + instance + job.metricsPath();
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "job \"" + job.jobName() + "\": target " + instance + " gives no valid URL: " + e.getMessage(), e);
    }
  }
}
