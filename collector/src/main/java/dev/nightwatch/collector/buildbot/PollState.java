package dev.nightwatch.collector.buildbot;

import java.util.OptionalLong;

/** What a poller keeps between passes: its cursor, which builds it has, and what it skipped. */
public interface PollState {
  /** The completion time (epoch seconds) up to which every finished build has been stored. */
  OptionalLong cursor(String master);

  void saveCursor(String master, String masterUrl, long completeAt);

  /** True when this master's build is stored with what its REST API gives (not only mail's). */
  boolean stored(String master, String builder, int number);

  /** Records something the master answered 404 (or too large) for, which was passed over. */
  void skipped(String master, String masterUrl, FetchedBuild.Skip skip);
}
