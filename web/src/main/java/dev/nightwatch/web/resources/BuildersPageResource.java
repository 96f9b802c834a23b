package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.FetchSkipDao;
import dev.nightwatch.schema.dao.RawMailDao;
import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.web.views.BuildersView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /builders}: a grid of each builder's last builds, newest on the left, like Buildbot's
 * console view, 50 builders a page; and the inputs that could not be read (mail that did not parse,
 * builds and logs the masters would not give).
 */
@Path("/builders")
public final class BuildersPageResource {
  static final int PAGE = 50;
  static final int BUILDS = 20;
  private static final int SKIPS = 20;

  private final Jdbi jdbi;

  public BuildersPageResource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public BuildersView page(@QueryParam("offset") String offset) {
    int from = Params.offset(offset);
    return jdbi.withHandle(
        h -> {
          List<BuilderDao.Listed> builders = h.attach(BuilderDao.class).page(from, PAGE + 1);
          boolean more = builders.size() > PAGE;
          List<BuilderDao.Listed> shown = builders.subList(0, Math.min(PAGE, builders.size()));
          Map<Long, List<BuildDao.GridCell>> cells = new LinkedHashMap<>();
          shown.forEach(b -> cells.put(b.id(), new ArrayList<>()));
          if (!shown.isEmpty()) {
            h.attach(BuildDao.class)
                .lastPerBuilder(shown.stream().map(BuilderDao.Listed::id).toList(), BUILDS)
                .forEach(c -> cells.get(c.builderId()).add(c));
          }
          List<FetchSkipDao.Listed> skips = h.attach(FetchSkipDao.class).latest(SKIPS);
          long failedMail = h.attach(RawMailDao.class).count(ParseStatus.FAILED);
          return new BuildersView(shown, cells, from, more ? from + PAGE : null, failedMail, skips);
        });
  }
}
