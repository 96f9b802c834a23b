package dev.nightwatch.analyzer;

/** A failure still being read: the lines after its start are offered until it says it is done. */
interface Block {
  /** What the block did with an offered line. */
  enum Offer {
    /** The line belongs to the block; offer the next one. */
    TAKEN,
    /** The line ends the block and belongs to it. */
    LAST,
    /** The block ended before this line, which is read as any other line. */
    DONE
  }

  Offer offer(long number, String line);

  /** The finding, once the block is done (or the log ended). */
  FailureFinding finish();
}
