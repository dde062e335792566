package io.fleetpulse.collector.parse;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing
 * above U+10FFFF). Both formats require UTF-8 text; decoding alone would silently turn a broken
 * sequence into U+FFFD and hand a label value on that nobody exposed.
 */
final class Utf8 {

  private Utf8() {}

  static boolean isValid(byte[] bytes, int from, int to) {
    int pos = from;
    while (pos < to) {
      int lead = bytes[pos] & 0xff;
      if (lead < 0x80) {
        pos++;
        continue;
      }
      int length;
      int secondMin = 0x80;
      int secondMax = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0) {
          secondMin = 0xa0; // shorter forms are overlong
        } else if (lead == 0xed) {
          secondMax = 0x9f; // above are the UTF-16 surrogates
        }
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0) {
          secondMin = 0x90;
        } else if (lead == 0xf4) {
          secondMax = 0x8f; // above is past U+10FFFF
        }
      } else {
        return false;
      }
      if (pos + length > to) {
        return false;
      }
      int second = bytes[pos + 1] & 0xff;
      if (second < secondMin || second > secondMax) {
        return false;
      }
      for (int i = 2; i < length; i++) {
        if ((bytes[pos + i] & 0xc0) != 0x80) {
          return false;
        }
      }
      pos += length;
    }
    return true;
  }
}
