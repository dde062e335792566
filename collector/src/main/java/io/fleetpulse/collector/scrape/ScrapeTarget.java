package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.StaticConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One endpoint to scrape: its job, its URL and the labels its records carry ({@code target_labels}:
 * the group's labels, those starting with {@code __} left out, plus {@code job} and {@code
 * instance}). Two targets are the same when job, URL and labels are, so a file_sd change that only
 * relabels a target replaces it, as in Prometheus.
 */
public record ScrapeTarget(ScrapeJob job, String instance, URI url, Map<String, String> labels) {

  public static final String JOB_LABEL = "job";
  public static final String INSTANCE_LABEL = "instance";
  private static final String RESERVED_PREFIX = "__";

  /** Every target of a group, in order. */
  public static List<ScrapeTarget> of(ScrapeJob job, StaticConfig group) {
    Map<String, String> labels = new LinkedHashMap<>();
    group
        .labels()
        .forEach(
            (name, value) -> {
              if (!name.startsWith(RESERVED_PREFIX)) {
                labels.put(name, value);
              }
            });
    labels.put(JOB_LABEL, job.name());
    String scheme = group.labels().getOrDefault(StaticConfig.SCHEME_LABEL, job.scheme());
    String path = group.labels().getOrDefault(StaticConfig.METRICS_PATH_LABEL, job.metricsPath());
    String query = query(job.params(), group.labels());
    List<ScrapeTarget> targets = new ArrayList<>(group.targets().size());
    for (String instance : group.targets()) {
      Map<String, String> targetLabels = new LinkedHashMap<>(labels);
      targetLabels.put(INSTANCE_LABEL, instance);
      targets.add(
          new ScrapeTarget(
              job,
              instance,
              url(job, scheme, instance, path, query),
              Collections.unmodifiableMap(targetLabels)));
    }
    return targets;
  }

  public String jobName() {
    return job.name();
  }

  public String cluster() {
    return labels.getOrDefault(StaticConfig.CLUSTER_LABEL, StaticConfig.DEFAULT_CLUSTER);
  }

  public Duration interval() {
    return job.interval();
  }

  public Duration timeout() {
    return job.timeout();
  }

  /**
   * The job's params, each {@code __param_<name>} label of the group replacing that parameter's
   * values.
   */
  private static String query(Map<String, List<String>> params, Map<String, String> groupLabels) {
    Map<String, List<String>> merged = new LinkedHashMap<>(params);
    groupLabels.forEach(
        (name, value) -> {
          if (name.startsWith(StaticConfig.PARAM_LABEL_PREFIX)) {
            merged.put(name.substring(StaticConfig.PARAM_LABEL_PREFIX.length()), List.of(value));
          }
        });
    StringJoiner query = new StringJoiner("&");
    merged.forEach(
        (name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
    return query.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static URI url(ScrapeJob job, String scheme, String instance, String path, String query) {
    int colon = instance.lastIndexOf(':');
    String host = instance.substring(0, colon);
    int port = Integer.parseInt(instance.substring(colon + 1));
    try {
      String base = new URI(scheme, null, host, port, path, null, null).toASCIIString();
      return new URI(query.isEmpty() ? base : base + "?" + query);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "job \""
              + job.name()
              + "\": target "
              + instance
              + " gives no valid URL: "
              + e.getMessage(),
          e);
    }
  }
}
