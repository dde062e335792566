package io.fleetpulse.cli.broker;

import java.util.Map;

/**
 * A further listener for the embedded broker beside its plain one, which the broker itself and
 * FleetPulse's own embedded runs keep using: say one that asks clients for TLS and a SASL login.
 *
 * @param name the listener's name, as in {@code listener.name.<name lower case>.*} settings
 * @param settings broker settings for it, e.g. its SASL mechanisms, users and key store
 */
public record BrokerListener(String name, String securityProtocol, Map<String, String> settings) {

  public BrokerListener {
    settings = Map.copyOf(settings);
  }
}
