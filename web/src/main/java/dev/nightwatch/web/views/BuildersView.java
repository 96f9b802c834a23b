package dev.nightwatch.web.views;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.FetchSkipDao;
import java.util.List;
import java.util.Map;

/** The builders grid (each builder's last builds) and the inputs that could not be read. */
public final class BuildersView extends PageView {
  private final List<BuilderDao.Listed> builders;
  private final Map<Long, List<BuildDao.GridCell>> cells;
  private final int offset;
  private final Integer next;
  private final long failedMail;
  private final List<FetchSkipDao.Listed> skips;

  public BuildersView(
      List<BuilderDao.Listed> builders,
      Map<Long, List<BuildDao.GridCell>> cells,
      int offset,
      Integer next,
      long failedMail,
      List<FetchSkipDao.Listed> skips) {
    super("builders.ftlh", "Builders");
    this.builders = List.copyOf(builders);
    this.cells = Map.copyOf(cells);
    this.offset = offset;
    this.next = next;
    this.failedMail = failedMail;
    this.skips = List.copyOf(skips);
  }

  public List<BuilderDao.Listed> getBuilders() {
    return builders;
  }

  /** The builder's last builds, newest first. */
  public List<BuildDao.GridCell> cells(long builderId) {
    return cells.getOrDefault(builderId, List.of());
  }

  public int getOffset() {
    return offset;
  }

  public Integer getNext() {
    return next;
  }

  public long getFailedMail() {
    return failedMail;
  }

  public List<FetchSkipDao.Listed> getSkips() {
    return skips;
  }
}
