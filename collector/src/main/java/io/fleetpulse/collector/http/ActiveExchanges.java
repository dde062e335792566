package io.fleetpulse.collector.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests being handled, so shutdown can let them finish. The JDK 17 server's own graceful
 * stop waits its whole delay even when nothing is in progress.
 */
final class ActiveExchanges extends Filter {

  private final AtomicInteger active = new AtomicInteger();

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    active.incrementAndGet();
    try {
      chain.doFilter(exchange);
    } finally {
      active.decrementAndGet();
    }
  }

  @Override
  public String description() {
    return "counts requests in progress";
  }

  /** Waits until no request is in progress, at most {@code millis}. */
  void awaitIdle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (active.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
