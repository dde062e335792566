package io.fleetpulse.collector.ingest;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code google.rpc.Status} message OTLP/HTTP puts in the body of an error response, written by
 * hand: only its code (field 1) and message (field 2) are used, and the class ships in no jar the
 * collector has.
 */
final class RpcStatus {

  private RpcStatus() {}

  /** The gRPC code that corresponds to an HTTP status, as the OTLP specification pairs them. */
  static int codeFor(int httpStatus) {
    return switch (httpStatus) {
      case 401 -> 16; // UNAUTHENTICATED
      case 404 -> 5; // NOT_FOUND
      case 405, 415 -> 12; // UNIMPLEMENTED
      case 413 -> 8; // RESOURCE_EXHAUSTED
      default -> 3; // INVALID_ARGUMENT
    };
  }

  static byte[] encode(int code, String message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeInt32(1, code);
      out.writeString(2, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing protobuf to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
