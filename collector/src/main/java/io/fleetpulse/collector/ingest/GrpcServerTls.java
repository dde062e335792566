package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.web.WebSecurity;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLParameters;

/**
 * The web config file's TLS as gRPC's Netty serves it: the very context (certificate, client CAs),
 * versions and client-certificate policy of the HTTP endpoint, so both listeners admit the same
 * clients; plus what gRPC needs of TLS, HTTP/2 negotiated by ALPN over HTTP/2's cipher suites.
 */
final class GrpcServerTls {

  private GrpcServerTls() {}

  /** Netty's server context for {@code web}; null when it asks for no TLS. */
  static SslContext of(WebSecurity web) {
    if (web.sslContext() == null) {
      return null;
    }
    SSLParameters parameters = web.sslParameters();
    return new JdkSslContext(
        web.sslContext(),
        false,
        Http2SecurityUtil.CIPHERS,
        SupportedCipherSuiteFilter.INSTANCE,
        new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2),
        clientAuth(parameters),
        parameters.getProtocols(),
        false);
  }

  private static ClientAuth clientAuth(SSLParameters parameters) {
    if (parameters.getNeedClientAuth()) {
      return ClientAuth.REQUIRE;
    }
    return parameters.getWantClientAuth() ? ClientAuth.OPTIONAL : ClientAuth.NONE;
  }
}
