package io.fleetpulse.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for a whole simulated fleet: one selector thread listens on any number of
 * loopback ports, accepts, reads and writes for all of them, with keep-alive; pages are rendered on
 * a shared executor. Thousands of nodes so cost one thread, not one each. A listener closed with
 * {@link Listener#close()} refuses connections at once and drops its open ones, so a stopped node
 * looks down to every client.
 */
public final class LoopbackHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoopbackHttpServer.class);
  private static final int BACKLOG = 64;
  private static final long IDLE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);
  private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Selector selector;
  private final Executor renderers;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param renderers runs the handlers (page rendering); the selector thread itself only moves
   *     bytes
   */
  public LoopbackHttpServer(Executor renderers) {
    this.renderers = renderers;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the simulated nodes' HTTP", e);
    }
    this.thread = new Thread(this::run, "fleetpulse-sim-http-selector");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Serves {@code source} on 127.0.0.1:{@code port} (0: a free port) until the listener is closed.
   */
  public Listener listen(int port, MetricsSource source) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      // A stopped node binds its port again while its old connections may still be in TIME_WAIT.
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
      channel.configureBlocking(false);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    Listener listener = new Listener(channel, new MetricsHandler(source));
    try {
      await(onSelector(listener::register));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return listener;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code task} on the selector thread (at once if already on it); the future completes after
   * it ran.
   */
  CompletableFuture<Void> onSelector(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable wrapped =
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        };
    if (Thread.currentThread() == thread) {
      wrapped.run();
    } else {
      tasks.add(wrapped);
      selector.wakeup();
      if (closed) {
        done.completeExceptionally(
            new IllegalStateException("the simulated nodes' HTTP server is closed"));
      }
    }
    return done;
  }

  private void run() {
    long nextSweep = System.nanoTime() + SWEEP_EVERY_NANOS;
    try {
      while (!closed) {
        selector.select(TimeUnit.NANOSECONDS.toMillis(SWEEP_EVERY_NANOS));
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        handleReadyKeys();
        if (System.nanoTime() >= nextSweep) {
          closeIdleConnections(System.nanoTime() - IDLE_TIMEOUT_NANOS);
          nextSweep = System.nanoTime() + SWEEP_EVERY_NANOS;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("simulated nodes' HTTP server failed; every node stops answering", e);
    } finally {
      closeEverything();
    }
  }

  private void handleReadyKeys() {
    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
      SelectionKey key = it.next();
      it.remove();
      if (!key.isValid()) {
        continue;
      }
      if (key.attachment() instanceof Listener listener) {
        listener.accept();
        continue;
      }
      HttpConnection connection = (HttpConnection) key.attachment();
      if (key.isReadable()) {
        connection.onReadable();
      }
      if (key.isValid() && key.isWritable()) {
        connection.onWritable();
      }
    }
  }

  private void closeIdleConnections(long activeSinceNanos) {
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      if (key.attachment() instanceof HttpConnection connection
          && connection.idleSince(activeSinceNanos)) {
        connection.close();
      }
    }
  }

  private void closeEverything() {
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      try {
        key.channel().close();
      } catch (IOException e) {
        LOG.debug("closing a simulated node's channel failed", e);
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing the simulated nodes' selector failed", e);
    }
  }

  private static void await(CompletableFuture<Void> done) throws IOException {
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the simulated node's listener was set up", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "the simulated nodes' HTTP server did not take the listener: " + e.getMessage(), e);
    }
  }

  /** One port being served. */
  public final class Listener {

    private final ServerSocketChannel channel;
    private final MetricsHandler handler;
    private final Set<HttpConnection> connections = new HashSet<>();
    private final int port;
    private SelectionKey key;

    private Listener(ServerSocketChannel channel, MetricsHandler handler) throws IOException {
      this.channel = channel;
      this.handler = handler;
      this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    public int port() {
      return port;
    }

    /**
     * Stops listening and closes the port's connections; when this returns the port refuses
     * connections.
     */
    public void close() {
      CompletableFuture<Void> done =
          onSelector(
              () -> {
                if (key != null) {
                  key.cancel();
                }
                closeQuietly();
                new ArrayList<>(connections).forEach(HttpConnection::close);
                try {
                  // Completes the deferred close of the cancelled channels, which releases the
                  // port.
                  selector.selectNow();
                } catch (IOException e) {
                  LOG.debug("flushing closed channels of port {} failed", port, e);
                }
              });
      try {
        await(done);
      } catch (IOException e) {
        closeQuietly();
      }
    }

    MetricsHandler handler() {
      return handler;
    }

    LoopbackHttpServer server() {
      return LoopbackHttpServer.this;
    }

    void forget(HttpConnection connection) {
      connections.remove(connection);
    }

    private void register() {
      try {
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void accept() {
      try {
        for (SocketChannel client; (client = channel.accept()) != null; ) {
          client.configureBlocking(false);
          client.setOption(StandardSocketOptions.TCP_NODELAY, true);
          SelectionKey clientKey = client.register(selector, SelectionKey.OP_READ);
          HttpConnection connection = new HttpConnection(client, clientKey, this, renderers);
          clientKey.attach(connection);
          connections.add(connection);
        }
      } catch (IOException e) {
        LOG.warn("simulated node on port {} could not accept a connection: {}", port, e.toString());
      }
    }

    private void closeQuietly() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing the listener of port {} failed", port, e);
      }
    }
  }
}
