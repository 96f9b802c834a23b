package dev.nightwatch.schema.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/** Checks, block by block, whether a byte stream is well-formed UTF-8. */
final class Utf8Validator {
  private final CharsetDecoder decoder =
      UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer sink = CharBuffer.allocate(8192);
  private ByteBuffer carry = ByteBuffer.allocate(0);
  private boolean valid = true;

  /** Feeds the next block; a character split across blocks is carried over. */
  void update(byte[] bytes, int offset, int length) {
    if (!valid) {
      return;
    }
    ByteBuffer in;
    if (carry.hasRemaining()) {
      in = ByteBuffer.allocate(carry.remaining() + length);
      in.put(carry).put(bytes, offset, length).flip();
    } else {
      in = ByteBuffer.wrap(bytes, offset, length);
    }
    CoderResult result;
    do {
      sink.clear();
      result = decoder.decode(in, sink, false);
    } while (result.isOverflow());
    if (result.isError()) {
      valid = false;
      return;
    }
    carry = ByteBuffer.allocate(in.remaining());
    carry.put(in).flip();
  }

  /** Ends the stream and says whether everything fed was valid UTF-8. */
  boolean finish() {
    if (!valid) {
      return false;
    }
    sink.clear();
    if (decoder.decode(carry, sink, true).isError()) {
      return false;
    }
    return !decoder.flush(sink).isError() && !carry.hasRemaining();
  }
}
