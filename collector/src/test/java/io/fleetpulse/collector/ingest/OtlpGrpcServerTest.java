package io.fleetpulse.collector.ingest;

import static io.fleetpulse.collector.ingest.VllmSpans.attribute;
import static io.fleetpulse.collector.ingest.VllmSpans.export;
import static io.fleetpulse.collector.ingest.VllmSpans.llmRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.RequestEvent;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real gRPC client exporting traces as vLLM's default OTLP exporter does. */
class OtlpGrpcServerTest {

  private final List<RequestEvent> published = new CopyOnWriteArrayList<>();
  private OtlpGrpcServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anExportBecomesRequestEventsAndUnusableSpansAPartialSuccess() throws Exception {
    byte[] request =
        export(
                List.of(attribute("service.instance.id", "gpu-4")),
                llmRequest("ok").build(),
                llmRequest("slow").addAttributes(attribute("gen_ai.latency.e2e", 1e300)).build())
            .toByteArray();

    ExportTraceServiceResponse response =
        ExportTraceServiceResponse.parseFrom(callWithToken(request, "Bearer s3cret"));

    assertEquals(List.of("ok"), published.stream().map(RequestEvent::getRequestId).toList());
    assertEquals(1, response.getPartialSuccess().getRejectedSpans());
  }

  @Test
  void withoutTheTokenTheCallIsUnauthenticated() {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> callWithToken(export(List.of()).toByteArray(), "Bearer wrong"));

    assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    assertEquals(List.of(), published);
  }

  @Test
  void aMessageThatIsNoExportIsAnInvalidArgument() {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> callWithToken(new byte[] {10, 99, 1}, "Bearer s3cret"));

    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
  }

  private byte[] callWithToken(byte[] request, String authorization) throws Exception {
    server =
        OtlpGrpcServer.start(
            new IngestConfig("127.0.0.1:0", "s3cret", null).withOtlpGrpcListen("127.0.0.1:0"),
            new CollectorMetrics(),
            published::add,
            Clock.fixed(JsonLinesDecoderTest.NOW, ZoneOffset.UTC));
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .usePlaintext()
            .intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
            .build();
    return ClientCalls.blockingUnaryCall(
        channel,
        OtlpGrpcServer.EXPORT,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
        request);
  }
}
