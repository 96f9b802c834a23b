package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.RawMailDao;
import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.RawMail;
import dev.nightwatch.web.views.MailView;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail kept: {@code /mail} (those that could not be parsed first), {@code GET
 * /api/mail?status=FAILED|IGNORED|PARSED&offset=N} and each message's raw bytes.
 */
@Path("/")
public final class MailResource {
  private static final int PAGE = 50;

  /** A page of kept mail and where the next begins. */
  public record MailPage(
      String status, Map<ParseStatus, Long> counts, List<RawMail> mail, Integer next) {}

  private final Jdbi jdbi;

  public MailResource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @GET
  @Path("mail")
  @Produces(MediaType.TEXT_HTML)
  public MailView page(@QueryParam("status") String status, @QueryParam("offset") String offset) {
    MailPage p = list(status, offset);
    return new MailView(
        ParseStatus.valueOf(p.status()), p.mail(), p.counts(), Params.offset(offset), p.next());
  }

  @GET
  @Path("api/mail")
  @Produces(MediaType.APPLICATION_JSON)
  public MailPage list(@QueryParam("status") String status, @QueryParam("offset") String offset) {
    ParseStatus s;
    try {
      s =
          status == null || status.isBlank()
              ? ParseStatus.FAILED
              : ParseStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("status must be FAILED, IGNORED or PARSED");
    }
    int from = Params.offset(offset);
    return jdbi.withHandle(
        h -> {
          RawMailDao dao = h.attach(RawMailDao.class);
          Map<ParseStatus, Long> counts = new EnumMap<>(ParseStatus.class);
          for (ParseStatus each : ParseStatus.values()) {
            counts.put(each, dao.count(each));
          }
          List<RawMail> rows = dao.byStatus(s, PAGE + 1, from);
          Integer next = rows.size() > PAGE ? from + PAGE : null;
          return new MailPage(s.name(), counts, rows.subList(0, Math.min(PAGE, rows.size())), next);
        });
  }

  /** The message exactly as received. */
  @GET
  @Path("api/mail/{id}/raw")
  @Produces("message/rfc822")
  public StreamingOutput raw(@PathParam("id") long id) {
    byte[] gz =
        jdbi.withHandle(h -> h.attach(RawMailDao.class).content(id))
            .orElseThrow(() -> new NotFoundException("no mail " + id));
    return out -> {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        in.transferTo(out);
      }
    };
  }
}
