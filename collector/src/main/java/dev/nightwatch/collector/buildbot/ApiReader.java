package dev.nightwatch.collector.buildbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bodies of Buildbot's REST API v2 answers (pretty-printed {@code text/plain} or compact
 * JSON alike): {@code {"builds": […], "meta": {…}}} and the like, and {@code {"error": …}} bodies.
 * Pure: the client fetches, this only reads. Unknown fields (newer Buildbots add some) are ignored.
 */
public final class ApiReader {
  private final ObjectMapper json =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new JavaTimeModule())
          .build();

  public List<ApiModel.Builder> builders(String body) throws ApiFormatException {
    return list(body, "builders", ApiModel.Builder.class);
  }

  public List<ApiModel.Worker> workers(String body) throws ApiFormatException {
    return list(body, "workers", ApiModel.Worker.class);
  }

  public List<ApiModel.Build> builds(String body) throws ApiFormatException {
    return list(body, "builds", ApiModel.Build.class);
  }

  public List<ApiModel.Step> steps(String body) throws ApiFormatException {
    return list(body, "steps", ApiModel.Step.class);
  }

  public List<ApiModel.Log> logs(String body) throws ApiFormatException {
    return list(body, "logs", ApiModel.Log.class);
  }

  public List<ApiModel.Change> changes(String body) throws ApiFormatException {
    return list(body, "changes", ApiModel.Change.class);
  }

  /** The message of an {@code {"error": …}} body, if the body is one. */
  public Optional<String> error(String body) {
    try {
      JsonNode root = json.readTree(body);
      JsonNode error = root == null ? null : root.get("error");
      return error == null || error.isNull() ? Optional.empty() : Optional.of(error.asText());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private <T> List<T> list(String body, String collection, Class<T> type)
      throws ApiFormatException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiFormatException("not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode items = root == null ? null : root.get(collection);
    if (items == null || !items.isArray()) {
      String error = error(body).map(m -> ": Buildbot says " + m).orElse("");
      throw new ApiFormatException("no \"" + collection + "\" list in the answer" + error, null);
    }
    List<T> out = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      try {
        out.add(json.treeToValue(item, type));
      } catch (JsonProcessingException e) {
        throw new ApiFormatException(
            "a malformed entry in \"" + collection + "\": " + e.getOriginalMessage(), e);
      }
    }
    return out;
  }
}
