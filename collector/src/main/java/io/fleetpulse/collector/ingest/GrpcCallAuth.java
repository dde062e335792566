package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.web.WebSecurity;
import java.util.Optional;

/**
 * Who may export over gRPC, read from the call's {@code authorization} metadata as the HTTP ingest
 * routes read the header: the bearer token when one is configured (trace exporters send one), else
 * the web config file's basic auth, else anyone.
 */
final class GrpcCallAuth {

  private final IngestConfig config;
  private final BearerToken token;
  private final WebSecurity web;

  GrpcCallAuth(IngestConfig config, WebSecurity web) {
    this.config = config;
    this.token = BearerToken.of(config);
    this.web = web;
  }

  /** Why a call with this {@code authorization} value (null: none) is refused; empty: admitted. */
  Optional<String> refusal(String authorization) {
    if (config.bearerToken() != null) {
      return token.admits(authorization)
          ? Optional.empty()
          : Optional.of("missing or wrong bearer token");
    }
    return web.loginRefusal(authorization)
        .map(
            reason ->
                reason + " (basic_auth_users of " + IngestConfig.WEB_CONFIG_FILE_OPTION + ")");
  }
}
