package dev.nightwatch.analyzer.fingerprint;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.schema.model.FailureKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A failure's signature: its kind, its regrtest test file and its key line with the volatile tokens
 * masked, hashed with the normalization {@link Normalizer#VERSION}. Repeats of one failure on other
 * builders, workers and runs share it; different errors do not.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** The fingerprint of a finding: 32 hex characters. */
  public static String of(FailureFinding finding) {
    return of(finding.kind(), finding.testFile(), finding.keyLine());
  }

  /** The fingerprint of a stored failure, recomputed from what the finding carried. */
  public static String of(FailureKind kind, String testFile, String keyLine) {
    return hash(signature(kind, testFile, keyLine));
  }

  /**
   * The text that is hashed, readable: {@code v1|TEST_FAILURE|test_ftplib|AssertionError: N != N}.
   */
  public static String signature(FailureFinding finding) {
    return signature(finding.kind(), finding.testFile(), finding.keyLine());
  }

  private static String signature(FailureKind kind, String testFile, String keyLine) {
    return "v"
        + Normalizer.VERSION
        + "|"
        + kind
        + "|"
        + (testFile == null ? "" : testFile)
        + "|"
        + Normalizer.normalize(keyLine == null ? "" : keyLine);
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
