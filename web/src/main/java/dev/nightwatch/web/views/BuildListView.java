package dev.nightwatch.web.views;

import dev.nightwatch.web.api.BuildPage;

/** The home page: the builds, newest first, a page at a time. */
public final class BuildListView extends PageView {
  private final BuildPage page;

  public BuildListView(BuildPage page) {
    super("builds.ftlh", "Builds");
    this.page = page;
  }

  public BuildPage getPage() {
    return page;
  }
}
