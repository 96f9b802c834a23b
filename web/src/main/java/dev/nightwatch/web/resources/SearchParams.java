package dev.nightwatch.web.resources;

import jakarta.ws.rs.BadRequestException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A search as its URL says it — {@code q}, {@code like} (more like a failure), the exact filters
 * {@code builder}, {@code kind}, {@code test}, {@code branch}, {@code worker}, {@code from} and
 * {@code to} (dates or instants) and {@code page} — read once for the page and the API alike, and
 * written back as permalinks.
 */
public record SearchParams(
    String query,
    Long like,
    Map<String, String> filters,
    String from,
    String to,
    int page,
    int perPage) {
  /** The exact filters, in the order links spell them. */
  public static final String[] FILTERS = {"kind", "builder", "test", "branch", "worker"};

  static final int DEFAULT_PER_PAGE = 10;
  static final int MAX_PER_PAGE = 50;

  public SearchParams {
    query = query == null ? "" : query.strip();
    filters = Map.copyOf(filters);
  }

  /** Reads the parameters; 400 for a bad number or date. */
  static SearchParams read(
      String q,
      String like,
      String kind,
      String builder,
      String test,
      String branch,
      String worker,
      String from,
      String to,
      String page,
      String perPage) {
    Map<String, String> filters = new LinkedHashMap<>();
    String[] values = {kind, builder, test, branch, worker};
    for (int i = 0; i < FILTERS.length; i++) {
      if (values[i] != null && !values[i].isBlank()) {
        filters.put(FILTERS[i], values[i].strip());
      }
    }
    int size = (int) Params.optionalLong("perPage", perPage, 1).orElse(DEFAULT_PER_PAGE);
    if (size > MAX_PER_PAGE) {
      throw new BadRequestException("perPage must be between 1 and " + MAX_PER_PAGE);
    }
    OptionalLong likeId = Params.optionalLong("like", like, 1);
    SearchParams p =
        new SearchParams(
            q,
            likeId.isPresent() ? likeId.getAsLong() : null,
            filters,
            blankToNull(from),
            blankToNull(to),
            (int) Math.min(10_000, Params.optionalLong("page", page, 1).orElse(1)),
            size);
    p.fromInstant();
    p.toInstant();
    return p;
  }

  /** The start of the range; a date means its first instant (UTC). */
  Instant fromInstant() {
    return instant("from", from, false);
  }

  /** The end of the range; a date means its last instant (UTC). */
  Instant toInstant() {
    return instant("to", to, true);
  }

  /** This search's permalink, on the search page. */
  public String link() {
    return link(page);
  }

  /** The permalink of another page of this search. */
  public String link(int otherPage) {
    return linkWith(filters, otherPage);
  }

  /** This search narrowed to one facet value, from its first page. */
  public String narrowed(String filter, String value) {
    Map<String, String> more = new LinkedHashMap<>(filters);
    more.put(filter, value);
    return linkWith(more, 1);
  }

  /** This search without one filter, from its first page. */
  public String without(String filter) {
    Map<String, String> fewer = new LinkedHashMap<>(filters);
    fewer.remove(filter);
    return linkWith(fewer, 1);
  }

  private String linkWith(Map<String, String> f, int p) {
    StringBuilder s = new StringBuilder("/search?q=").append(encode(query));
    if (like != null) {
      s.append("&like=").append(like);
    }
    for (String name : FILTERS) {
      if (f.containsKey(name)) {
        s.append('&').append(name).append('=').append(encode(f.get(name)));
      }
    }
    if (from != null) {
      s.append("&from=").append(encode(from));
    }
    if (to != null) {
      s.append("&to=").append(encode(to));
    }
    if (perPage != DEFAULT_PER_PAGE) {
      s.append("&perPage=").append(perPage);
    }
    if (p > 1) {
      s.append("&page=").append(p);
    }
    return s.toString();
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        Instant start = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfDay ? start.minusMillis(1) : start;
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name + " must be a date (2026-11-25) or an instant (2026-11-25T10:00:00Z): " + value);
    }
  }
}
