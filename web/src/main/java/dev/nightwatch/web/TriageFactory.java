package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may act on clusters (merge, split, link an issue, mark fixed): named bearer tokens, given
 * from the environment ({@code alice: ${ALICE_TOKEN}}). With none configured the server makes one
 * for {@code admin} at start and logs it, so the embedded mode works and nothing is open by
 * default.
 */
public final class TriageFactory {
  @NotNull @JsonProperty private Map<String, String> tokens = new LinkedHashMap<>();

  /** Triager name → token; blank tokens (an unset environment variable) are left out. */
  public Map<String, String> getTokens() {
    return nonBlank(tokens);
  }

  /** The names with a token, stripped; blank ones (an unset environment variable) left out. */
  static Map<String, String> nonBlank(Map<String, String> tokens) {
    Map<String, String> set = new LinkedHashMap<>();
    tokens.forEach(
        (name, token) -> {
          if (token != null && !token.isBlank()) {
            set.put(name, token.strip());
          }
        });
    return set;
  }

  public void setTokens(Map<String, String> tokens) {
    this.tokens = new LinkedHashMap<>(tokens);
  }
}
