package io.fleetpulse.collector.ingest;

/** An HTTP response to send: status, content type and body. */
record Reply(int status, String contentType, byte[] body) {}
