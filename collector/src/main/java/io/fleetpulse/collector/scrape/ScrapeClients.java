package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.tls.ClientTls;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The HTTP clients scrapes go out on: one shared by every job without a tls_config, and one for
 * each job with one, since a JDK client's TLS is fixed when it is built. None follows redirects
 * itself (see {@link HttpFetcher}).
 */
public final class ScrapeClients {

  private final Executor executor;
  private final HttpClient shared;
  private final Map<ClientTls, HttpClient> byTls = new ConcurrentHashMap<>();

  /**
   * @param executor where the clients hand responses on
   */
  public ScrapeClients(Executor executor) {
    this.executor = executor;
    this.shared = builder().build();
  }

  HttpClient of(ScrapeJob job) {
    ClientTls tls = job.tls();
    return tls == null ? shared : byTls.computeIfAbsent(tls, t -> t.applyTo(builder()).build());
  }

  private HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor);
  }
}
