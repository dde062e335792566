package io.fleetpulse.collector.ingest;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.logging.LogThrottle;
import io.fleetpulse.schemas.web.WebSecurity;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP over gRPC ({@code collector.ingest.otlp_grpc_listen}), vLLM's default trace protocol: the
 * TraceService's Export method, its messages taken as bytes and read by the same decoder as
 * OTLP/HTTP, so the same rules and body limit apply. Unusable spans are a partial success, as over
 * HTTP. It is secured as the HTTP ingest routes are: the web config file's TLS (client certificates
 * included) and either the bearer token or the file's basic auth, read from the {@code
 * authorization} metadata; a refused call gets UNAUTHENTICATED.
 */
public final class OtlpGrpcServer implements AutoCloseable {

  static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

  /** The Export method as a client calls it, its messages as their protobuf bytes. */
  public static final MethodDescriptor<byte[], byte[]> EXPORT =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
          .setRequestMarshaller(Bytes.MARSHALLER)
          .setResponseMarshaller(Bytes.MARSHALLER)
          .build();

  private static final Logger log = LoggerFactory.getLogger(OtlpGrpcServer.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Decoding and handing events to the buffer is short work; a few threads carry any rate the
   * buffer takes.
   */
  private static final int WORKERS = 4;

  /** A client repeating a mistake gets one line per quiet period, with the count of the others. */
  private static final Duration LOG_QUIET = Duration.ofSeconds(10);

  private final Server server;
  private final ExecutorService executor;

  private OtlpGrpcServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code config.otlpGrpcListen()} and starts serving. */
  public static OtlpGrpcServer start(
      IngestConfig config, CollectorMetrics metrics, RequestEventPublisher publisher, Clock clock)
      throws IOException {
    ListenAddress listen =
        ListenAddress.parse("collector.ingest.otlp_grpc_listen", config.otlpGrpcListen());
    WebSecurity web = config.webSecurity();
    OtlpTracesFormat format = new OtlpTracesFormat(new RequestEventValidator(clock, config));
    Export export =
        new Export(
            format,
            new BatchPublisher(publisher, metrics, format.source()),
            new GrpcCallAuth(config, web),
            LogThrottle.every(LOG_QUIET));
    ExecutorService executor =
        Executors.newFixedThreadPool(WORKERS, new DaemonThreads("fleetpulse-collector-grpc-"));
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
            .sslContext(GrpcServerTls.of(web))
            .executor(executor)
            .maxInboundMessageSize(config.maxBodyBytes())
            .maxInboundMetadataSize(16 * 1024)
            .handshakeTimeout(10, TimeUnit.SECONDS)
            .addService(ServerServiceDefinition.builder(SERVICE).addMethod(EXPORT, export).build())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IOException(
          "collector cannot listen for OTLP/gRPC on "
              + config.otlpGrpcListen()
              + ": "
              + e.getMessage(),
          e);
    }
    log.info(
        "collector taking OTLP/gRPC traces on {}:{} ({}{})",
        listen.host(),
        server.getPort(),
        web.sslContext() == null ? "plain text" : "TLS",
        config.bearerToken() != null
            ? ", bearer token"
            : web.requiresLogin() ? ", basic auth" : "");
    return new OtlpGrpcServer(server, executor);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  /**
   * One Export call: its credentials from the call's metadata, then the message, then the OTLP
   * answer. Each refused call logs one line, at most one per quiet period with the count of the
   * others.
   */
  private record Export(
      OtlpTracesFormat format, BatchPublisher publisher, GrpcCallAuth auth, LogThrottle refusals)
      implements ServerCallHandler<byte[], byte[]> {

    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> call, Metadata headers) {
      Optional<String> unauthenticated = auth.refusal(headers.get(AUTHORIZATION));
      if (unauthenticated.isPresent()) {
        refuse(call, Status.UNAUTHENTICATED, unauthenticated.get());
        return new ServerCall.Listener<>() {};
      }
      call.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          DecodedBatch batch;
          try {
            batch = format.decode(OtlpTracesFormat.parseProtobuf(message));
          } catch (Refusal refusal) {
            refuse(call, Status.INVALID_ARGUMENT, refusal.getMessage());
            return;
          }
          DecodedBatch published =
              publisher.publish(batch, "OTLP/gRPC export from " + remote(call));
          call.sendHeaders(new Metadata());
          call.sendMessage(OtlpTracesFormat.response(published).toByteArray());
          call.close(Status.OK, new Metadata());
        }
      };
    }

    private void refuse(ServerCall<byte[], byte[]> call, Status status, String reason) {
      long heldBack = refusals.occurred();
      if (heldBack >= 0) {
        log.warn(
            "refused OTLP/gRPC export from {}: {} {}{}",
            remote(call),
            status.getCode(),
            reason,
            LogThrottle.heldBackSuffix(heldBack));
      }
      call.close(status.withDescription(reason), new Metadata());
    }

    private static SocketAddress remote(ServerCall<byte[], byte[]> call) {
      return call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    }
  }

  /** Messages as their bytes: the protobuf decoder already in use reads them. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

    static final Bytes MARSHALLER = new Bytes();

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
