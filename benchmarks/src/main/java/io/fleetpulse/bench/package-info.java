/** JMH benchmarks of FleetPulse's hot paths: the exposition parser and the streams topology. */
package io.fleetpulse.bench;
