package io.fleetpulse.collector.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    Random random = new Random(7);
    byte[] interesting = {
      0,
      0x41,
      0x7f,
      (byte) 0x80,
      (byte) 0xbf,
      (byte) 0xc0,
      (byte) 0xc2,
      (byte) 0xdf,
      (byte) 0xe0,
      (byte) 0xa0,
      (byte) 0xed,
      (byte) 0x9f,
      (byte) 0xef,
      (byte) 0xf0,
      (byte) 0x90,
      (byte) 0xf4,
      (byte) 0x8f,
      (byte) 0xf5,
      (byte) 0xff
    };
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(6)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = interesting[random.nextInt(interesting.length)];
      }
      assertEquals(
          decodes(bytes),
          Utf8.isValid(bytes, 0, bytes.length),
          () -> java.util.HexFormat.of().formatHex(bytes));
    }
  }

  @Test
  void refusesOverlongSurrogateAndOutOfRangeForms() {
    assertTrue(valid(0xf0, 0x9f, 0x98, 0x80)); // U+1F600
    assertTrue(valid(0xc3, 0xa9)); // é
    assertFalse(valid(0xc0, 0xaf)); // overlong '/'
    assertFalse(valid(0xe0, 0x80, 0xaf)); // overlong '/'
    assertFalse(valid(0xed, 0xa0, 0x80)); // U+D800, a surrogate
    assertFalse(valid(0xf4, 0x90, 0x80, 0x80)); // past U+10FFFF
    assertFalse(valid(0xe2, 0x82)); // truncated €
  }

  private static boolean valid(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return Utf8.isValid(bytes, 0, bytes.length);
  }

  private static boolean decodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
