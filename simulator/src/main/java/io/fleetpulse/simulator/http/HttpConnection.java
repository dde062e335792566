package io.fleetpulse.simulator.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection of a {@link LoopbackHttpServer}: reads requests, has each answered on a
 * rendering thread, writes the answer, and keeps the connection for the next request unless either
 * side wants it closed. Requests are answered one at a time, in order. Touched only by the selector
 * thread.
 */
final class HttpConnection {

  private static final int MAX_HEAD_BYTES = 8 * 1024;

  private final SocketChannel channel;
  private final SelectionKey key;
  private final LoopbackHttpServer.Listener listener;
  private final Executor renderers;
  private final String client;
  private final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD_BYTES);
  private ByteBuffer out;
  private boolean closeAfterWrite;
  private boolean answering;
  private long lastActiveNanos = System.nanoTime();

  HttpConnection(
      SocketChannel channel,
      SelectionKey key,
      LoopbackHttpServer.Listener listener,
      Executor renderers) {
    this.channel = channel;
    this.key = key;
    this.listener = listener;
    this.renderers = renderers;
    this.client = describe(channel);
  }

  void onReadable() {
    try {
      if (channel.read(in) < 0) {
        close();
        return;
      }
    } catch (IOException e) {
      close();
      return;
    }
    lastActiveNanos = System.nanoTime();
    answerNext();
  }

  void onWritable() {
    try {
      channel.write(out);
    } catch (IOException e) {
      close();
      return;
    }
    lastActiveNanos = System.nanoTime();
    if (out.hasRemaining()) {
      key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    out = null;
    if (closeAfterWrite) {
      close();
      return;
    }
    key.interestOps(SelectionKey.OP_READ);
    answerNext();
  }

  /** Called back on the selector thread once a rendering thread has the answer. */
  void answered(byte[] response, boolean close) {
    answering = false;
    if (!channel.isOpen()) {
      return;
    }
    out = ByteBuffer.wrap(response);
    closeAfterWrite = close;
    onWritable();
  }

  boolean idleSince(long nanos) {
    return !answering && out == null && lastActiveNanos < nanos;
  }

  void close() {
    listener.forget(this);
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // Closing for good: nothing left to tell the client.
    }
  }

  /**
   * Starts answering the next complete request in the buffer, if there is one and none is being
   * answered.
   */
  private void answerNext() {
    if (answering || out != null || !channel.isOpen()) {
      return;
    }
    in.flip();
    RequestHead request;
    try {
      request = RequestHead.parse(in);
    } catch (RequestHead.Malformed e) {
      in.clear();
      answered(MetricsHandler.badRequest(e.getMessage(), client), true);
      return;
    }
    in.compact();
    if (request == null) {
      if (!in.hasRemaining()) {
        String reason = "request head longer than " + MAX_HEAD_BYTES + " bytes";
        answered(MetricsHandler.badRequest(reason, client), true);
      }
      return;
    }
    answering = true;
    // No reads while answering: a pipelined request waits in the socket until this answer is
    // written.
    key.interestOps(0);
    try {
      renderers.execute(
          () -> {
            byte[] response = listener.handler().respond(request, client);
            listener.server().onSelector(() -> answered(response, !request.keepAlive()));
          });
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  private static String describe(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "an unknown client";
    }
  }
}
