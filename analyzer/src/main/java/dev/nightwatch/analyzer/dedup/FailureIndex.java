package dev.nightwatch.analyzer.dedup;

import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.schema.model.FailureKind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.SmallFloat;

/**
 * The failures, searchable: a Lucene index on disk, derived from the database and rebuildable from
 * it at any time. Failures are upserted by id; searches take Lucene's query syntax over the key
 * line, excerpt and test, with field filters ({@code builder:}, {@code kind:}, {@code test:},
 * {@code branch:}, {@code worker:}, {@code revision:}) and {@code time:[2026-01-01 TO 2026-02-01]};
 * words must all match, and a term that splits into several words ({@code worker-3}) is a phrase.
 */
public final class FailureIndex implements Closeable {
  static final String ID = "id";
  static final String FINGERPRINT = "fingerprint";
  static final String TIME = "time";
  static final String TEXT = "text";
  static final String KEY_NORMALIZED = "keynorm";
  private static final int MAX_QUERY_TERMS = 256;
  private static final String[] DEFAULT_FIELDS = {"key", "excerpt", "test"};

  private final Analyzer analyzer = new StandardAnalyzer();
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private FailureIndex(Path dir) throws IOException {
    directory = FSDirectory.open(dir);
    writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
    searchers = new SearcherManager(writer, null);
  }

  /** Opens (creating if needed) the index in {@code dir}. */
  public static FailureIndex open(Path dir) throws IOException {
    return new FailureIndex(dir);
  }

  /** Adds the failure, or replaces the document of the same failure id. */
  public void upsert(IndexedFailure f) throws IOException {
    writer.updateDocument(new Term(ID, Long.toString(f.failureId())), document(f));
  }

  /** Removes a failure. */
  public void delete(long failureId) throws IOException {
    writer.deleteDocuments(new Term(ID, Long.toString(failureId)));
  }

  /** Makes what was written visible to searches. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes what was written durable, and visible. */
  public void commit() throws IOException {
    writer.commit();
    refresh();
  }

  /** How many failures the index holds (as of the last refresh). */
  public int count() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** The cluster of a failure with this fingerprint, if one is indexed with a cluster. */
  public Optional<Long> clusterOf(String fingerprint) throws IOException {
    List<SearchHit> hits = run(new TermQuery(new Term(FINGERPRINT, fingerprint)), 0, 1);
    return hits.stream().map(SearchHit::clusterId).filter(c -> c != null).findFirst();
  }

  /**
   * Failures matching a query in Lucene's syntax, best first; a blank query matches everything.
   *
   * @throws BadQueryException with the parser's message when the query does not parse
   */
  public List<SearchHit> search(String query, int offset, int limit) throws IOException {
    return run(parse(query), offset, limit);
  }

  /** A failure already indexed that reads like the one asked about, with how alike they are. */
  public record Similar(long failureId, Long clusterId, double score) {}

  /**
   * The indexed failures most like {@code f} (not {@code f} itself), among compatible ones: of the
   * same kind and, for test failures, of the same test file or with the same masked key line. The
   * score is BM25 over the normalized text, divided by the score {@code f} would get against
   * itself, so 1.0 reads "the same words, as often".
   */
  public List<Similar> similar(IndexedFailure f, int max) throws IOException {
    Map<String, Integer> terms = terms(f.normalizedText());
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    terms.keySet().forEach(t -> text.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD));
    BooleanQuery.Builder query =
        new BooleanQuery.Builder()
            .add(text.build(), Occur.MUST)
            .add(
                new TermQuery(new Term("kind", f.kind().name().toLowerCase(Locale.ROOT))),
                Occur.FILTER)
            .add(new TermQuery(new Term(ID, Long.toString(f.failureId()))), Occur.MUST_NOT);
    if (f.kind() == FailureKind.TEST_FAILURE) {
      BooleanQuery.Builder sameTest = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      if (f.testFile() != null) {
        sameTest.add(
            new TermQuery(new Term("test", f.testFile().toLowerCase(Locale.ROOT))), Occur.SHOULD);
      }
      if (f.keyLine() != null) {
        sameTest.add(
            new TermQuery(new Term(KEY_NORMALIZED, Normalizer.normalize(f.keyLine()))),
            Occur.SHOULD);
      }
      query.add(sameTest.build(), Occur.FILTER);
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      double self = selfScore(searcher, terms);
      List<Similar> similar = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(query.build(), max).scoreDocs) {
        Document d = searcher.storedFields().document(hit.doc);
        IndexableField cluster = d.getField("cluster");
        similar.add(
            new Similar(
                Long.parseLong(d.get(ID)),
                cluster == null ? null : cluster.numericValue().longValue(),
                Math.min(1.0, hit.score / self)));
      }
      return similar;
    } finally {
      searchers.release(searcher);
    }
  }

  /** The words of a text as the index reads them, with how often each occurs (the first 256). */
  private Map<String, Integer> terms(String text) throws IOException {
    Map<String, Integer> terms = new LinkedHashMap<>();
    if (text == null) {
      return terms;
    }
    try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String t = term.toString();
        if (terms.size() < MAX_QUERY_TERMS || terms.containsKey(t)) {
          terms.merge(t, 1, Integer::sum);
        }
      }
      stream.end();
    }
    return terms;
  }

  /**
   * The BM25 score the query's own text would get as a document of this index: Lucene's own
   * similarity, with the statistics counting that document in.
   */
  private static double selfScore(IndexSearcher searcher, Map<String, Integer> terms)
      throws IOException {
    int length = terms.values().stream().mapToInt(Integer::intValue).sum();
    CollectionStatistics stats = searcher.collectionStatistics(TEXT);
    long maxDoc = searcher.getIndexReader().maxDoc() + 1L;
    CollectionStatistics withSelf =
        stats == null
            ? new CollectionStatistics(TEXT, maxDoc, 1, length, terms.size())
            : new CollectionStatistics(
                TEXT,
                maxDoc,
                stats.docCount() + 1,
                stats.sumTotalTermFreq() + length,
                stats.sumDocFreq() + terms.size());
    long norm = SmallFloat.intToByte4(length);
    double score = 0;
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      Term term = new Term(TEXT, e.getKey());
      IndexReader reader = searcher.getIndexReader();
      TermStatistics termStats =
          new TermStatistics(
              term.bytes(), reader.docFreq(term) + 1L, reader.totalTermFreq(term) + e.getValue());
      score += searcher.getSimilarity().scorer(1f, withSelf, termStats).score(e.getValue(), norm);
    }
    return score;
  }

  Query parse(String query) {
    if (query == null || query.isBlank()) {
      return new MatchAllDocsQuery();
    }
    Parser parser = new Parser(analyzer);
    try {
      return parser.parse(query);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      throw new BadQueryException(e.getMessage(), e);
    }
  }

  private List<SearchHit> run(Query query, int offset, int limit) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(query, Math.max(1, offset + limit));
      List<SearchHit> hits = new ArrayList<>();
      ScoreDoc[] docs = top.scoreDocs;
      for (int i = offset; i < docs.length; i++) {
        Document d = searcher.storedFields().document(docs[i].doc);
        IndexableField cluster = d.getField("cluster");
        hits.add(
            new SearchHit(
                Long.parseLong(d.get(ID)),
                d.getField("build").numericValue().longValue(),
                cluster == null ? null : cluster.numericValue().longValue(),
                docs[i].score));
      }
      return hits;
    } finally {
      searchers.release(searcher);
    }
  }

  private static Document document(IndexedFailure f) {
    Document d = new Document();
    d.add(new StringField(ID, Long.toString(f.failureId()), Field.Store.YES));
    d.add(new StoredField("build", f.buildId()));
    if (f.clusterId() != null) {
      d.add(new StoredField("cluster", f.clusterId()));
    }
    d.add(new StringField(FINGERPRINT, f.fingerprint(), Field.Store.YES));
    d.add(new TextField("kind", f.kind().name().toLowerCase(Locale.ROOT), Field.Store.YES));
    text(d, "test", join(f.testFile(), f.testName()));
    text(d, "builder", f.builder());
    text(d, "worker", f.worker());
    text(d, "branch", f.branch());
    text(d, "revision", f.revision());
    text(d, TEXT, f.normalizedText());
    if (f.keyLine() != null) {
      d.add(new StringField(KEY_NORMALIZED, Normalizer.normalize(f.keyLine()), Field.Store.NO));
    }
    text(d, "key", f.keyLine());
    text(d, "excerpt", f.excerpt());
    d.add(new LongPoint(TIME, f.time().toEpochMilli()));
    d.add(new StoredField(TIME, f.time().toEpochMilli()));
    return d;
  }

  private static void text(Document d, String field, String value) {
    if (value != null && !value.isBlank()) {
      d.add(new TextField(field, value, Field.Store.YES));
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + " " + b;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }

  /**
   * Lucene's classic syntax, with {@code time:[FROM TO TO]} read as dates (yyyy-MM-dd) or instants.
   */
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
      if (!TIME.equals(field)) {
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
      }
      long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : millis(part1, false);
      long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : millis(part2, true);
      return LongPoint.newRangeQuery(
          TIME, startInclusive ? from : Math.addExact(from, 1), endInclusive ? to : to - 1);
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
