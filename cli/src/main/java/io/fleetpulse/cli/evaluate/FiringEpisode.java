package io.fleetpulse.cli.evaluate;

/**
 * One continuous stretch during which a detector or a baseline rule was firing somewhere.
 *
 * @param where the scope or series it fired for, e.g. {@code node/us-east/llama-8b/10.0.0.1:8000}
 * @param endMs when it stopped firing; {@link #OPEN} while it still fires at the end of the run
 */
public record FiringEpisode(String name, String where, long startMs, long endMs) {

  public static final long OPEN = Long.MAX_VALUE;
}
