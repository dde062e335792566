package io.fleetpulse.cli.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApportionedCounterTest {

  @Test
  void anIntervalCountsInProportionToItsOverlapWithTheSpan() {
    ApportionedCounter counter = new ApportionedCounter(10_000, 20_000);
    counter.add(5_000, 100);
    counter.add(15_000, 200); // 100 over 5..15 s: half of it in the span
    counter.add(25_000, 300); // 100 over 15..25 s: half of it in the span

    assertEquals(100, counter.increase(), 1e-12);
  }

  @Test
  void aResetCountsTheNewValueAndTheFirstReadingNothing() {
    ApportionedCounter counter = new ApportionedCounter(0, 100_000);
    counter.add(10_000, 500);
    counter.add(20_000, 40);

    assertEquals(40, counter.increase(), 1e-12);
  }

  @Test
  void aReadingNotAfterThePreviousIsIgnored() {
    ApportionedCounter counter = new ApportionedCounter(0, 100_000);
    counter.add(10_000, 10);
    counter.add(10_000, 1_000);
    counter.add(20_000, 30);

    assertEquals(20, counter.increase(), 1e-12);
  }

  @Test
  void intervalsOutsideTheSpanCountNothing() {
    assertEquals(0, ApportionedCounter.shareOf(0, 1, 10_000, 50, 10_000, 20_000), 0);
    assertEquals(0, ApportionedCounter.shareOf(20_000, 1, 30_000, 50, 10_000, 20_000), 0);
  }
}
