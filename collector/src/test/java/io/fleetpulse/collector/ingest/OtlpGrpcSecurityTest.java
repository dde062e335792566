package io.fleetpulse.collector.ingest;

import static io.fleetpulse.collector.ingest.VllmSpans.attribute;
import static io.fleetpulse.collector.ingest.VllmSpans.export;
import static io.fleetpulse.collector.ingest.VllmSpans.llmRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.tls.TestCertificate;
import io.fleetpulse.schemas.web.TestWebConfig;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collector.ingest.web_config_file on the OTLP/gRPC listener, called by a real gRPC client over
 * real TLS: the same certificate, client-certificate policy, basic auth and bearer token as the
 * HTTP ingest routes.
 */
class OtlpGrpcSecurityTest {

  private static final String LOGIN =
      TestWebConfig.basic(TestWebConfig.USER, TestWebConfig.PASSWORD);

  @TempDir static Path dir;

  private static TestWebConfig web;
  private static TestWebConfig mutual;

  private final List<RequestEvent> published = new CopyOnWriteArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private OtlpGrpcServer server;

  @BeforeAll
  static void configs() throws Exception {
    web = TestWebConfig.generate(dir, false);
    mutual = TestWebConfig.generate(dir, true);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void overTlsTheBasicAuthUserExportsAndNobodyElse() throws Exception {
    start(null, web);

    for (String refused :
        new String[] {
          null,
          "Bearer " + TestWebConfig.PASSWORD,
          TestWebConfig.basic(TestWebConfig.USER, "wrong"),
          TestWebConfig.basic("someone", TestWebConfig.PASSWORD)
        }) {
      assertEquals(Status.Code.UNAUTHENTICATED, refusal(tls(web, null), refused), refused);
    }
    assertEquals(List.of(), published);

    exportOne(tls(web, null), LOGIN, "over-tls");
    assertEquals(List.of("over-tls"), publishedIds());
  }

  @Test
  void aPlainTextClientGetsNoAnswerFromTheTlsListener() throws Exception {
    start(null, web);

    assertEquals(Status.Code.UNAVAILABLE, refusal(plainText(), LOGIN));
    assertEquals(List.of(), published);
  }

  @Test
  void withABearerTokenTheTokenAloneExports() throws Exception {
    start("s3cret", web);

    assertEquals(Status.Code.UNAUTHENTICATED, refusal(tls(web, null), LOGIN));
    exportOne(tls(web, null), "Bearer s3cret", "with-token");
    assertEquals(List.of("with-token"), publishedIds());
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOrWithAStrangeCertificate() throws Exception {
    start(null, mutual);

    assertEquals(Status.Code.UNAVAILABLE, refusal(tls(mutual, null), LOGIN));
    // The other config's client certificate: one the client CA did not issue.
    assertEquals(Status.Code.UNAVAILABLE, refusal(tls(mutual, web.client()), LOGIN));
    assertEquals(List.of(), published);

    exportOne(tls(mutual, mutual.client()), LOGIN, "with-certificate");
    assertEquals(List.of("with-certificate"), publishedIds());
  }

  private void start(String bearerToken, TestWebConfig config) throws Exception {
    server =
        OtlpGrpcServer.start(
            new IngestConfig(
                "127.0.0.1:0",
                bearerToken,
                null,
                null,
                null,
                null,
                null,
                "127.0.0.1:0",
                config.file().toString()),
            new CollectorMetrics(),
            published::add,
            Clock.fixed(JsonLinesDecoderTest.NOW, ZoneOffset.UTC));
  }

  /** A channel trusting the test server's certificate, presenting {@code presented} (or none). */
  private NettyChannelBuilder tls(TestWebConfig config, TestCertificate presented)
      throws Exception {
    SslContextBuilder context =
        GrpcSslContexts.forClient().trustManager(config.server().certificate());
    if (presented != null) {
      context.keyManager(presented.privateKey(), presented.certificate());
    }
    return NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(context.build());
  }

  private NettyChannelBuilder plainText() {
    return NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext();
  }

  private void exportOne(NettyChannelBuilder channel, String authorization, String requestId)
      throws Exception {
    call(
        channel,
        authorization,
        export(List.of(attribute("service.instance.id", "gpu-4")), llmRequest(requestId).build())
            .toByteArray());
  }

  private Status.Code refusal(NettyChannelBuilder channel, String authorization) {
    return assertThrows(
            StatusRuntimeException.class,
            () -> call(channel, authorization, export(List.of()).toByteArray()))
        .getStatus()
        .getCode();
  }

  private void call(NettyChannelBuilder builder, String authorization, byte[] request) {
    Metadata headers = new Metadata();
    if (authorization != null) {
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
    }
    ManagedChannel channel =
        builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    channels.add(channel);
    ClientCalls.blockingUnaryCall(
        channel,
        OtlpGrpcServer.EXPORT,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
        request);
  }

  private List<String> publishedIds() {
    return published.stream().map(RequestEvent::getRequestId).toList();
  }
}
