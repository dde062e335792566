package io.fleetpulse.collector.scrape;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into one array, giving up as soon as it grows past the limit, so an
 * oversized /metrics page costs at most the limit in memory. A body whose Content-Length already
 * says it is too large is not read at all; neither is the body of a non-2xx answer, whose status is
 * all a scrape needs.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private static final byte[] EMPTY = new byte[0];
  private static final int DEFAULT_CAPACITY = 64 * 1024;
  private static final int MAX_INITIAL_CAPACITY = 16 * 1024 * 1024;

  private final long limit;
  private final ScrapeLimits limits;

  /**
   * @param limits whose body size limit applies to the bytes on the wire; 0 means none
   */
  BoundedBodyHandler(ScrapeLimits limits) {
    this.limits = limits;
    this.limit = limits.bodySizeLimit() > 0 ? limits.bodySizeLimit() : Integer.MAX_VALUE - 8;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo response) {
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      return HttpResponse.BodySubscribers.replacing(EMPTY);
    }
    OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
    if (declared.isEmpty()) {
      return new Collecting(DEFAULT_CAPACITY, false);
    }
    long length = declared.getAsLong();
    return new Collecting(
        (int) Math.min(Math.min(length, limit), MAX_INITIAL_CAPACITY), length > limit);
  }

  private final class Collecting implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final boolean tooLargeAlready;
    private byte[] buffer;
    private int size;
    private Flow.Subscription subscription;

    Collecting(int initialCapacity, boolean tooLargeAlready) {
      this.buffer = new byte[Math.max(initialCapacity, 16)];
      this.tooLargeAlready = tooLargeAlready;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (tooLargeAlready) {
        subscription.cancel();
        result.completeExceptionally(limits.bodyTooLarge());
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int length = item.remaining();
        if ((long) size + length > limit) {
          subscription.cancel();
          result.completeExceptionally(limits.bodyTooLarge());
          return;
        }
        if (size + length > buffer.length) {
          buffer =
              Arrays.copyOf(
                  buffer, (int) Math.min(limit, Math.max((long) buffer.length * 2, size + length)));
        }
        item.get(buffer, size, length);
        size += length;
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
