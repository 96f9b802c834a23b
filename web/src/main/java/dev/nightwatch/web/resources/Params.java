package dev.nightwatch.web.resources;

import jakarta.ws.rs.BadRequestException;
import java.util.OptionalLong;

/** Reads optional numeric query parameters, answering 400 (not Jersey's 404) to malformed ones. */
final class Params {
  private Params() {}

  /**
   * The parameter's value; empty when absent or blank; 400 when not a whole number ≥ {@code min}.
   */
  static OptionalLong optionalLong(String name, String value, long min) {
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("query parameter " + name + " is not a whole number");
    }
    if (parsed < min) {
      throw new BadRequestException("query parameter " + name + " must be at least " + min);
    }
    return OptionalLong.of(parsed);
  }

  /**
   * The parameter as an int (values past {@code Integer.MAX_VALUE} read as that), {@code absent}
   * when absent or blank; 400 when not a whole number ≥ {@code min}.
   */
  static int optionalInt(String name, String value, long min, int absent) {
    return (int) Math.min(Integer.MAX_VALUE, optionalLong(name, value, min).orElse(absent));
  }

  /** A page's {@code offset}: 0 when absent; 400 when not a whole number ≥ 0. */
  static int offset(String value) {
    return optionalInt("offset", value, 0, 0);
  }
}
