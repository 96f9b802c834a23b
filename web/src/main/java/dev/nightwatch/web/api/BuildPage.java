package dev.nightwatch.web.api;

import java.util.List;

/**
 * One page of the build list, newest first; {@code next} is the cursor of the next page, if any.
 */
public record BuildPage(List<BuildSummary> builds, String next) {
  public BuildPage {
    builds = List.copyOf(builds);
  }
}
