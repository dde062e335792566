package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.RequestEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one ingest request yielded: the events that passed, and why the others did not. */
record DecodedBatch(List<Accepted> accepted, List<Rejection> rejections) {

  DecodedBatch {
    accepted = List.copyOf(accepted);
    rejections = List.copyOf(rejections);
  }

  List<RequestEvent> events() {
    return accepted.stream().map(Accepted::event).toList();
  }

  /**
   * This batch with {@code refused} items, accepted by the decoder but not by delivery, moved to
   * the rejections.
   */
  DecodedBatch withRefused(List<Rejection> refused) {
    if (refused.isEmpty()) {
      return this;
    }
    Set<Integer> positions = new HashSet<>();
    refused.forEach(rejection -> positions.add(rejection.position()));
    List<Rejection> all = new ArrayList<>(rejections);
    all.addAll(refused);
    all.sort(Comparator.comparingInt(Rejection::position));
    return new DecodedBatch(
        accepted.stream().filter(item -> !positions.contains(item.position())).toList(), all);
  }

  /**
   * One item that passed validation.
   *
   * @param position as {@link Rejection#position()}
   */
  record Accepted(int position, RequestEvent event) {}

  /**
   * One item that could not be accepted.
   *
   * @param position the 1-based line of a JSON-lines body, or the 1-based index of a span in an
   *     OTLP request
   */
  record Rejection(int position, String reason) {}
}
