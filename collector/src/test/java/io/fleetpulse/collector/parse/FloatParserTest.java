package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatParserTest {

  private static double parse(String text) {
    byte[] padded = ("<" + text + ">").getBytes(StandardCharsets.UTF_8);
    return FloatParser.parse(padded, 1, padded.length - 1);
  }

  @Test
  void decimalsMatchJavaBitForBit() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = randomDecimal(random);
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(parse(text)),
          text);
    }
  }

  @Test
  void engineFormats() {
    assertEquals(1_234_570.0, parse("1.23457e+06"));
    assertEquals(0.00015000000000000001, parse("0.00015000000000000001"));
    assertEquals(1.7958354733246787e+09, parse("1.7958354733246787e+09"));
    assertEquals(294700.0, parse("294700.0"));
    assertEquals(3.0, parse("3"));
    assertEquals(0.5, parse(".5"));
    assertEquals(5.0, parse("5."));
    assertEquals(-0.0, parse("-0"));
    assertEquals(Double.POSITIVE_INFINITY, parse("1e400"));
    assertEquals(0.0, parse("1e-400"));
  }

  @Test
  void specialValuesInGoSpelling() {
    assertTrue(Double.isNaN(parse("NaN")));
    assertTrue(Double.isNaN(parse("nan")));
    assertEquals(Double.POSITIVE_INFINITY, parse("+Inf"));
    assertEquals(Double.POSITIVE_INFINITY, parse("Inf"));
    assertEquals(Double.NEGATIVE_INFINITY, parse("-Inf"));
    assertEquals(Double.NEGATIVE_INFINITY, parse("-infinity"));
  }

  @Test
  void rejectsWhatIsNotAGoFloat() {
    for (String text :
        new String[] {
          "",
          "+",
          "-",
          ".",
          "1e",
          "1e+",
          "e5",
          "1.2.3",
          "1d",
          "0x1p3",
          "+NaN",
          "--1",
          " 1",
          "1 ",
          "Infinite",
          "1,5"
        }) {
      assertThrows(NumberFormatException.class, () -> parse(text), text);
    }
  }

  private static String randomDecimal(Random random) {
    StringBuilder text = new StringBuilder();
    if (random.nextBoolean()) {
      text.append(random.nextBoolean() ? '-' : '+');
    }
    int integerDigits = random.nextInt(12);
    for (int i = 0; i < integerDigits; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    int fractionDigits = integerDigits == 0 ? 1 + random.nextInt(20) : random.nextInt(20);
    if (fractionDigits > 0 || random.nextBoolean()) {
      text.append('.');
    }
    for (int i = 0; i < fractionDigits; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextInt(3) == 0) {
      text.append(random.nextBoolean() ? 'e' : 'E')
          .append(random.nextBoolean() ? "-" : "+")
          .append(random.nextInt(40));
    }
    return text.toString();
  }
}
