/**
 * The topology's own records: what its stores keep and what crosses its repartition topics. They
 * are generated from {@code streams-app/src/main/avro/*.avsc} (one schema a type, the single source
 * of truth), so no Java source of them lies here; they are internal, not a topic contract, and may
 * change with the topology.
 */
package io.fleetpulse.streams.state;
