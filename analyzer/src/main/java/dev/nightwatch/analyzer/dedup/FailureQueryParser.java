package dev.nightwatch.analyzer.dedup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Reads a triager's search: Lucene's classic syntax over the key line, excerpt and test, with field
 * filters ({@code builder:}, {@code kind:}, {@code test:}, {@code branch:}, {@code worker:}, {@code
 * revision:}, {@code fingerprint:}) and {@code time:[2026-01-01 TO 2026-02-01]}; words must all
 * match, and a term that splits into several words ({@code worker-3}) is a phrase. Exact filters (a
 * facet's value) and a time range come apart from the text, as a search form sends them.
 */
final class FailureQueryParser {
  private static final String[] DEFAULT_FIELDS = {
    FailureFields.KEY, FailureFields.EXCERPT, FailureFields.TEST
  };

  private final Analyzer analyzer;

  FailureQueryParser(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The text query alone: what the highlighter marks. A blank query matches everything. */
  Query text(String query) {
    if (query == null || query.isBlank()) {
      return new MatchAllDocsQuery();
    }
    try {
      return new Parser(analyzer).parse(query);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      throw new BadQueryException(e.getMessage(), e);
    }
  }

  /** The text query restricted by exact facet values and a time range (either end open). */
  Query filtered(Query text, Map<String, String> exact, Instant from, Instant to) {
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(text, Occur.MUST);
    exact.forEach(
        (dim, value) -> {
          if (!List.of(FailureFields.FACETS).contains(dim)) {
            throw new BadQueryException("no such filter: " + dim, null);
          }
          String v = dim.equals(FailureFields.KIND) ? FailureFields.kind(value) : value;
          q.add(
              new TermQuery(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, dim, v)),
              Occur.FILTER);
        });
    if (from != null || to != null) {
      long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
      long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
      q.add(LongPoint.newRangeQuery(FailureFields.TIME, lo, hi), Occur.FILTER);
    }
    return q.build();
  }

  /** Lucene's classic syntax, with {@code time:[FROM TO TO]} read as dates or instants. */
  private static final class Parser extends MultiFieldQueryParser {
    Parser(Analyzer analyzer) {
      super(DEFAULT_FIELDS, analyzer);
      // "worker-3", "test_os.TestX" stay whole; several words must all match.
      setSplitOnWhitespace(true);
      setAutoGeneratePhraseQueries(true);
      setDefaultOperator(AND_OPERATOR);
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      if (!FailureFields.TIME.equals(field)) {
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
      }
      long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : millis(part1, false);
      long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : millis(part2, true);
      return LongPoint.newRangeQuery(
          FailureFields.TIME,
          startInclusive ? from : Math.addExact(from, 1),
          endInclusive ? to : to - 1);
    }

    private static long millis(String text, boolean endOfDay) throws ParseException {
      try {
        if (text.length() == 10) {
          LocalDate day = LocalDate.parse(text);
          return (endOfDay ? day.plusDays(1) : day)
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant()
                  .toEpochMilli()
              - (endOfDay ? 1 : 0);
        }
        return Instant.parse(text.toUpperCase(Locale.ROOT)).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new ParseException(
            "time must be a date (2026-11-25) or an instant (2026-11-25T10:00:00Z): " + text);
      }
    }
  }
}
