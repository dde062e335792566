package io.fleetpulse.schemas.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a web config file in the format of Prometheus' {@code --web.config.file} (its
 * exporter-toolkit), so an operator's existing file serves FleetPulse as it is: {@code
 * tls_server_config}, {@code basic_auth_users} and {@code http_server_config.http2} (taken, without
 * effect: FleetPulse serves HTTP/1.1). The file is read once, at start; a changed one takes effect
 * at the next start.
 */
final class WebConfigFile {

  private static final YAMLMapper YAML = new YAMLMapper();

  private WebConfigFile() {}

  /**
   * @param option the config option that names the file, e.g. sink.web_config_file, which every
   *     error starts with
   */
  static WebSecurity read(String option, Path file) {
    try {
      return parse(option, file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " \"" + file + "\": " + e.getMessage(), e);
    }
  }

  private static WebSecurity parse(String option, Path file) {
    WebConfigSection root = WebConfigSection.root(document(file));
    root.allowOnly(
        List.of("tls_server_config", "http_server_config", "basic_auth_users"),
        List.of("rate_limit"));
    WebConfigSection http = root.section("http_server_config");
    http.allowOnly(List.of("http2"), List.of("headers"));
    http.bool("http2", true);
    Path directory = file.toAbsolutePath().getParent();
    ServerTls tls = TlsServerConfig.read(root.section("tls_server_config"), directory);
    BasicAuthUsers users = BasicAuthUsers.read(root.section("basic_auth_users"));
    return new WebSecurity(tls, users.isEmpty() ? null : new BasicAuthGate(users, option));
  }

  /** The file's YAML; a syntax error tells its line only, as its text could hold a hash. */
  private static JsonNode document(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("permission denied", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
    }
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      throw new IllegalArgumentException(
          "not valid YAML"
              + (location != null && location.getLineNr() > 0
                  ? " at line " + location.getLineNr()
                  : ""));
    }
  }
}
