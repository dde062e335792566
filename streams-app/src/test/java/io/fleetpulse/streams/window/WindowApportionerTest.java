package io.fleetpulse.streams.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.streams.window.WindowApportioner.Piece;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowApportionerTest {

  private static final long TEN_SECONDS = 10_000;

  @Test
  void anIntervalInsideOneWindowIsOnePiece() {
    List<Piece<String>> pieces =
        WindowApportioner.apportion(1_000, 7_000, TEN_SECONDS, Map.of("tokens", 60.0));

    assertEquals(List.of(new Piece<>(10_000, Map.of("tokens", 60.0))), pieces);
  }

  @Test
  void anIntervalSpanningTwoWindowsIsSplitByOverlap() {
    List<Piece<String>> pieces =
        WindowApportioner.apportion(
            8_000, 14_000, TEN_SECONDS, Map.of("generation", 60.0, "prompt", 6.0));

    assertEquals(2, pieces.size());
    assertEquals(10_000, pieces.get(0).windowEndMs());
    assertEquals(20.0, pieces.get(0).amounts().get("generation"), 1e-12);
    assertEquals(2.0, pieces.get(0).amounts().get("prompt"), 1e-12);
    assertEquals(20_000, pieces.get(1).windowEndMs());
    assertEquals(40.0, pieces.get(1).amounts().get("generation"), 1e-12);
    assertEquals(4.0, pieces.get(1).amounts().get("prompt"), 1e-12);
  }

  @Test
  void aLongIntervalGivesEveryWindowItCrossesItsShare() {
    List<Piece<String>> pieces =
        WindowApportioner.apportion(5_000, 35_000, TEN_SECONDS, Map.of("t", 300.0));

    assertEquals(
        List.of(10_000L, 20_000L, 30_000L, 40_000L),
        pieces.stream().map(Piece::windowEndMs).toList());
    assertEquals(
        List.of(50.0, 100.0, 100.0, 50.0), pieces.stream().map(p -> p.amounts().get("t")).toList());
  }

  @Test
  void windowsAreHalfOpenSoAnIntervalEndingOnABoundaryStaysInTheWindowBefore() {
    List<Piece<String>> endingOnBoundary =
        WindowApportioner.apportion(2_000, 10_000, TEN_SECONDS, Map.of("t", 8.0));
    List<Piece<String>> startingOnBoundary =
        WindowApportioner.apportion(10_000, 20_000, TEN_SECONDS, Map.of("t", 8.0));

    assertEquals(List.of(new Piece<>(10_000, Map.of("t", 8.0))), endingOnBoundary);
    assertEquals(List.of(new Piece<>(20_000, Map.of("t", 8.0))), startingOnBoundary);
  }

  @Test
  void theLastPieceTakesTheRemainderSoPiecesAddUpExactly() {
    // Three thirds of 100, each computed on its own, add up to 99.99999999999999.
    double third = 100.0 * (1_000.0 / 3_000.0);
    assertNotEquals(100.0, third + third + third);

    List<Piece<String>> pieces = WindowApportioner.apportion(0, 3_000, 1_000, Map.of("t", 100.0));

    assertEquals(3, pieces.size());
    assertEquals(
        100.0, pieces.stream().mapToDouble(p -> p.amounts().get("t")).reduce(0, Double::sum));
  }

  @Test
  void randomIntervalsConserveTheirTotal() {
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      long from = random.nextInt(1_000_000);
      long to = from + 1 + random.nextInt(200_000);
      double total = random.nextDouble() * 1e6;
      List<Piece<String>> pieces =
          WindowApportioner.apportion(from, to, 1 + random.nextInt(60_000), Map.of("t", total));

      double sum = pieces.stream().mapToDouble(p -> p.amounts().get("t")).reduce(0, Double::sum);
      assertEquals(total, sum, Math.ulp(total) * 2);
      assertTrue(pieces.stream().allMatch(p -> p.amounts().get("t") >= -Math.ulp(total)));
    }
  }

  @Test
  void anEmptyOrBackwardIntervalIsRefused() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> WindowApportioner.apportion(5_000, 5_000, TEN_SECONDS, Map.of()));
    assertTrue(error.getMessage().contains("(5000, 5000]"), error.getMessage());
  }
}
