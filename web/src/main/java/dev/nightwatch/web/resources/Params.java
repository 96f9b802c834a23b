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
}
