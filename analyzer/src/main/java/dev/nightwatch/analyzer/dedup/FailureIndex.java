package dev.nightwatch.analyzer.dedup;

import static dev.nightwatch.analyzer.dedup.FailureFields.CLUSTER;
import static dev.nightwatch.analyzer.dedup.FailureFields.FINGERPRINT;
import static dev.nightwatch.analyzer.dedup.FailureFields.ID;
import static dev.nightwatch.analyzer.dedup.FailureFields.ID_VALUE;
import static dev.nightwatch.analyzer.dedup.FailureFields.KEY_NORMALIZED;
import static dev.nightwatch.analyzer.dedup.FailureFields.KIND;
import static dev.nightwatch.analyzer.dedup.FailureFields.TEST;
import static dev.nightwatch.analyzer.dedup.FailureFields.TEXT;

import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.schema.model.FailureKind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * The failures, searchable: a Lucene index on disk, derived from the database and rebuildable from
 * it at any time. Failures are upserted by id; {@link #search} reads Lucene's query syntax (see
 * {@link FailureQueryParser}) and answers clusters of hits with facet counts and highlights; {@link
 * #similar} finds the failures that read like a new one, for clustering. One process writes it at a
 * time.
 */
public final class FailureIndex implements Closeable {
  /** Thrown by {@link #open} when another process holds the index for writing. */
  public static final class BusyException extends IOException {
    private static final long serialVersionUID = 1L;

    BusyException(Path dir, Throwable cause) {
      super("the failure index " + dir + " is open in another Nightwatch process", cause);
    }
  }

  /** What the index holds, summed, to compare with the database's own sums. */
  public record Checksum(long count, long idSum, long clusterSum) {}

  /** A failure already indexed that reads like the one asked about, with how alike they are. */
  public record Similar(long failureId, Long clusterId, double score) {}

  private static final int MORE_LIKE_THIS_TERMS = 32;

  /**
   * How many of a new failure's words its similarity query asks for: the most telling ones, so the
   * query stays fast on a large index; the self-score still counts every word.
   */
  private static final int SIMILAR_TERMS = 48;

  private final Analyzer analyzer = new StandardAnalyzer();
  private final FailureQueryParser parser = new FailureQueryParser(analyzer);
  private final GroupedSearch grouped = new GroupedSearch(analyzer);
  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ExecutorService searchThreads;
  private volatile boolean dirty;

  private FailureIndex(Path dir) throws IOException {
    this.dir = dir;
    directory = FSDirectory.open(dir);
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new BusyException(dir, e);
    }
    // A search runs on every core, a slice of the index each.
    searchThreads =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "nightwatch-search");
              t.setDaemon(true);
              return t;
            });
    searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
                  throws IOException {
                // The facet ordinals of a new reader are built here, on the writer's side, so
                // that the first search after a refresh does not wait for them.
                grouped.prepare(reader);
                return new IndexSearcher(reader, searchThreads);
              }
            });
  }

  /**
   * Opens (creating if needed) the index in {@code dir}.
   *
   * @throws BusyException when another process has it open
   */
  public static FailureIndex open(Path dir) throws IOException {
    return new FailureIndex(dir);
  }

  /** The directory the index lives in. */
  public Path directory() {
    return dir;
  }

  /** Adds the failure, or replaces the document of the same failure id. */
  public void upsert(IndexedFailure f) throws IOException {
    writer.updateDocument(new Term(ID, Long.toString(f.failureId())), FailureFields.document(f));
    dirty = true;
  }

  /** Removes a failure. */
  public void delete(long failureId) throws IOException {
    writer.deleteDocuments(new Term(ID, Long.toString(failureId)));
    dirty = true;
  }

  /** Removes every failure, for a rebuild. */
  public void deleteAll() throws IOException {
    writer.deleteAll();
    dirty = true;
  }

  /** Makes what was written visible to searches (reads do this themselves when needed). */
  public void refresh() throws IOException {
    dirty = false;
    searchers.maybeRefreshBlocking();
  }

  /** Makes what was written durable, and visible. */
  public void commit() throws IOException {
    writer.commit();
    refresh();
  }

  /** Drops what was written since the last commit and closes the index, as a crash would. */
  public void abandon() throws IOException {
    searchers.close();
    writer.rollback();
    directory.close();
    searchThreads.shutdown();
  }

  /** How many failures the index holds. */
  public int count() throws IOException {
    return read(searcher -> searcher.getIndexReader().numDocs());
  }

  /** The number of failures, the sum of their ids and the sum of their cluster ids. */
  public Checksum checksum() throws IOException {
    return read(
        searcher -> {
          long count = 0;
          long ids = 0;
          long clusters = 0;
          for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            NumericDocValues id = leaf.reader().getNumericDocValues(ID_VALUE);
            NumericDocValues cluster = leaf.reader().getNumericDocValues(CLUSTER);
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
              if (live != null && !live.get(doc)) {
                continue;
              }
              count++;
              if (id != null && id.advanceExact(doc)) {
                ids += id.longValue();
              }
              if (cluster != null && cluster.advanceExact(doc)) {
                clusters += cluster.longValue();
              }
            }
          }
          return new Checksum(count, ids, clusters);
        });
  }

  /** An indexed failure with this fingerprint and a cluster, if there is one (score 1). */
  public Optional<Similar> withFingerprint(String fingerprint) throws IOException {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(FINGERPRINT, fingerprint)), Occur.FILTER)
            .add(new FieldExistsQuery(CLUSTER), Occur.FILTER)
            .build();
    return read(
        searcher -> {
          TopDocs top = searcher.search(new ConstantScoreQuery(q), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          SearchHit hit = GroupedSearch.hit(searcher, top.scoreDocs[0], Map.of());
          return Optional.of(new Similar(hit.failureId(), hit.clusterId(), 1.0));
        });
  }

  /**
   * A page of search results.
   *
   * @throws BadQueryException with the parser's message when the query does not parse
   */
  public SearchPage search(SearchRequest request) throws IOException {
    Query text = parser.text(request.query());
    Query query = parser.filtered(text, request.filters(), request.from(), request.to());
    return read(searcher -> grouped.run(searcher, query, text, request));
  }

  /** Failures matching a query in Lucene's syntax, best first, ungrouped. */
  public List<SearchHit> search(String query, int offset, int limit) throws IOException {
    Query q = parser.text(query);
    return read(
        searcher -> {
          TopDocs top = searcher.search(q, Math.max(1, offset + limit));
          List<SearchHit> hits = new ArrayList<>();
          for (int i = offset; i < top.scoreDocs.length; i++) {
            hits.add(GroupedSearch.hit(searcher, top.scoreDocs[i], Map.of()));
          }
          return hits;
        });
  }

  /**
   * The failures that read most like an indexed one, of any kind, grouped by cluster: its most
   * telling words (the rarest in the index) as a query, the failure itself left out. Empty when the
   * failure is not indexed.
   */
  public SearchPage moreLikeThis(long failureId, SearchRequest page) throws IOException {
    return read(
        searcher -> {
          TopDocs self = searcher.search(new TermQuery(new Term(ID, Long.toString(failureId))), 1);
          if (self.scoreDocs.length == 0) {
            return new SearchPage(0, 0, List.of(), Map.of());
          }
          String text = searcher.storedFields().document(self.scoreDocs[0].doc).get(TEXT);
          SimilarityQuery similar = new SimilarityQuery(analyzer, text);
          Query terms = similar.telling(searcher.getIndexReader(), MORE_LIKE_THIS_TERMS, 2);
          Query query =
              new BooleanQuery.Builder()
                  .add(parser.filtered(terms, page.filters(), page.from(), page.to()), Occur.MUST)
                  .add(new TermQuery(new Term(ID, Long.toString(failureId))), Occur.MUST_NOT)
                  .build();
          return grouped.run(searcher, query, terms, page);
        });
  }

  /**
   * The indexed failures most like {@code f} (not {@code f} itself), among compatible ones: of the
   * same kind and, where {@code f} names one, of the same test file or compiled source file (or
   * with the same masked key line). The score is BM25 over the normalized text, divided by the
   * score {@code f} would get against itself, so 1.0 reads "the same words, as often".
   */
  public List<Similar> similar(IndexedFailure f, int max) throws IOException {
    SimilarityQuery similar = new SimilarityQuery(analyzer, f.normalizedText());
    if (similar.isEmpty()) {
      return List.of();
    }
    Query compatible = compatible(f);
    return read(
        searcher -> {
          BooleanQuery.Builder query =
              new BooleanQuery.Builder()
                  .add(similar.telling(searcher.getIndexReader(), SIMILAR_TERMS, 1), Occur.MUST)
                  .add(
                      new TermQuery(new Term(KIND, FailureFields.kind(f.kind().name()))),
                      Occur.FILTER)
                  .add(new TermQuery(new Term(ID, Long.toString(f.failureId()))), Occur.MUST_NOT);
          if (compatible != null) {
            query.add(compatible, Occur.FILTER);
          }
          double self = similar.selfScore(searcher);
          List<Similar> out = new ArrayList<>();
          // Counting stops at the candidates wanted, so BM25's block-max skipping starts at once.
          TopDocs top =
              searcher.search(query.build(), new TopScoreDocCollectorManager(max, null, max));
          for (ScoreDoc hit : top.scoreDocs) {
            SearchHit h = GroupedSearch.hit(searcher, hit, Map.of());
            out.add(new Similar(h.failureId(), h.clusterId(), Math.min(1.0, hit.score / self)));
          }
          return out;
        });
  }

  /**
   * What a candidate must share with {@code f} beyond its kind, or null for nothing more: the same
   * test file for failures of a test (a test failure may instead share its masked key line: one
   * exception raised by many tests), the same source file for a compiler diagnostic that names one.
   */
  private static Query compatible(IndexedFailure f) {
    Query sameKeyLine =
        f.keyLine() == null
            ? null
            : new TermQuery(new Term(KEY_NORMALIZED, Normalizer.normalize(f.keyLine())));
    Query sameThing = null;
    if (f.kind() == FailureKind.COMPILE_ERROR) {
      String source = FailureFields.sourceFile(f.keyLine());
      sameThing =
          source == null ? null : new TermQuery(new Term(FailureFields.SOURCE_FILE, source));
    } else if (f.testFile() != null && TEST_KINDS.contains(f.kind())) {
      sameThing = new TermQuery(new Term(TEST, f.testFile().toLowerCase(Locale.ROOT)));
    }
    if (sameThing == null) {
      return null;
    }
    BooleanQuery.Builder either =
        new BooleanQuery.Builder().setMinimumNumberShouldMatch(1).add(sameThing, Occur.SHOULD);
    if (sameKeyLine != null) {
      either.add(sameKeyLine, Occur.SHOULD);
    }
    return either.build();
  }

  private static final Set<FailureKind> TEST_KINDS =
      EnumSet.of(
          FailureKind.TEST_FAILURE,
          FailureKind.TIMEOUT,
          FailureKind.ENV_CHANGED,
          FailureKind.CRASH);

  /** A read against a current searcher. */
  private interface Read<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T read(Read<T> read) throws IOException {
    if (dirty) {
      refresh();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      return read.apply(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
    searchThreads.shutdown();
  }
}
