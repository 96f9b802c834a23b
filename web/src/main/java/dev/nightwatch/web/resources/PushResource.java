package dev.nightwatch.web.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.web.ingest.Pollers;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/push/buildbot/MASTER}: Buildbot's {@code HttpStatusPush} says a build changed;
 * when it has finished, the build is fetched from the master's REST API at once and stored. The
 * shared secret ({@code buildbot.pushSecret}) comes as the basic-auth password ({@code
 * auth=('buildbot', secret)}) or an {@code X-Nightwatch-Secret} header. Pushing a build again is
 * harmless: it is stored once.
 */
@Path("/api/push/buildbot/{master}")
@Produces(MediaType.APPLICATION_JSON)
public final class PushResource {
  private final Pollers pollers;
  private final Optional<String> secret;

  public PushResource(Pollers pollers, Optional<String> secret) {
    this.pollers = pollers;
    this.secret = secret;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response push(
      @PathParam("master") String master,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Nightwatch-Secret") String header,
      JsonNode body)
      throws InterruptedException {
    if (secret.isEmpty()) {
      throw new NotFoundException("push is off: set buildbot.pushSecret to accept pushes");
    }
    if (!matches(secret.get(), header) && !matches(secret.get(), basicPassword(authorization))) {
      throw new NotAuthorizedException(
          "the push secret is missing or wrong", "Basic realm=\"nightwatch-push\"");
    }
    MasterPoller poller =
        pollers
            .get(master)
            .orElseThrow(() -> new NotFoundException("no Buildbot master named " + master));
    if (body == null || !body.path("buildid").canConvertToLong()) {
      throw new BadRequestException("the body is not a Buildbot build: no buildid");
    }
    long buildid = body.get("buildid").asLong();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("master", master);
    answer.put("buildid", buildid);
    if (!body.path("complete").asBoolean(false)) {
      // HttpStatusPush reports builds as they start too; only finished builds are stored.
      answer.put("outcome", "IGNORED");
      answer.put("reason", "the build has not finished");
      return Response.accepted(answer).build();
    }
    MasterPoller.BuildOutcome outcome = poller.fetchOne(buildid);
    answer.put("outcome", outcome.outcome().name());
    answer.put("builder", outcome.builder());
    answer.put("number", outcome.number());
    if (outcome.error() != null) {
      answer.put("error", outcome.error());
    }
    Response.Status status =
        switch (outcome.outcome()) {
          case FAILED -> Response.Status.BAD_GATEWAY;
          case NOT_FOUND -> Response.Status.NOT_FOUND;
          default -> Response.Status.OK;
        };
    return Response.status(status).entity(answer).build();
  }

  private static String basicPassword(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Compares in constant time, so the secret cannot be guessed a byte at a time. */
  private static boolean matches(String secret, String given) {
    return given != null
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
