package dev.nightwatch.web.views;

import dev.nightwatch.web.api.BuildPage;
import dev.nightwatch.web.resources.HomeQueries;

/** The home page: what is red and new (first page only), then the builds, a page at a time. */
public final class BuildListView extends PageView {
  private final BuildPage page;
  private final HomeQueries.Summary summary;

  /** {@code summary} is null past the first page. */
  public BuildListView(BuildPage page, HomeQueries.Summary summary) {
    super("builds.ftlh", "Builds");
    this.page = page;
    this.summary = summary;
  }

  public HomeQueries.Summary getSummary() {
    return summary;
  }

  public BuildPage getPage() {
    return page;
  }
}
