package dev.nightwatch.analyzer.dedup;

import dev.nightwatch.analyzer.dedup.SearchHit.Fragment;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Runs one search in one pass over its hits: the best hits (or, for a search without words, the
 * newest) grouped by cluster, the facet counts of every hit (the clusters' too, which give each
 * cluster's hit count and how many clusters matched), and the shown hits highlighted.
 */
final class GroupedSearch {
  private static final int FACET_VALUES = 10;
  private static final int PASSAGES = 3;
  private static final String[] HIGHLIGHTED = {FailureFields.KEY, FailureFields.EXCERPT};

  /** Hits ranked before grouping: enough for the page's clusters, grown when they are not. */
  private static final int MIN_WINDOW = 300;

  private static final int MAX_WINDOW = 100_000;
  private static final Long UNCLUSTERED = Long.MIN_VALUE;
  private static final Sort NEWEST =
      new Sort(new SortField(FailureFields.TIME, SortField.Type.LONG, true));

  private final Analyzer analyzer;

  /**
   * Per reader (readers compare by identity), for the few newest: a state holds its reader, so a
   * weak map would never let one go.
   */
  private final Map<IndexReader, SortedSetDocValuesReaderState> facetStates =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<IndexReader, SortedSetDocValuesReaderState> eldest) {
          return size() > 3;
        }
      };

  GroupedSearch(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  SearchPage run(IndexSearcher searcher, Query query, Query highlight, SearchRequest request)
      throws IOException {
    // One pass over the hits gives the best hits and the facet counts, the clusters' among them.
    boolean recent = query instanceof MatchAllDocsQuery || isMatchAll(query);
    int want = request.offset() + request.limit();
    int window = Math.max(MIN_WINDOW, want * request.hitsPerCluster() * 4);
    while (true) {
      CollectorManager<?, ? extends TopDocs> top =
          recent
              ? new TopFieldCollectorManager(NEWEST, window, null, window)
              : new TopScoreDocCollectorManager(window, null, window);
      Object[] results =
          searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
      TopDocs docs = (TopDocs) results[0];
      FacetsCollector matching = (FacetsCollector) results[1];
      long total = matching.getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();
      Map<Long, List<ScoreDoc>> groups = group(searcher, docs.scoreDocs, request.hitsPerCluster());
      boolean complete =
          groups.size() >= want || docs.scoreDocs.length >= total || window >= MAX_WINDOW;
      if (complete) {
        return page(searcher, matching, total, groups, highlight, request);
      }
      window = Math.min(MAX_WINDOW, window * 4);
    }
  }

  private static boolean isMatchAll(Query q) {
    return q instanceof BooleanQuery b
        && b.clauses().stream()
            .allMatch(
                c ->
                    c.getOccur() == BooleanClause.Occur.FILTER
                        || c.getQuery() instanceof MatchAllDocsQuery)
        && b.clauses().stream().anyMatch(c -> c.getQuery() instanceof MatchAllDocsQuery);
  }

  /** The hits by cluster, best cluster first, each with its best hits (at most {@code per}). */
  private static Map<Long, List<ScoreDoc>> group(IndexSearcher searcher, ScoreDoc[] docs, int per)
      throws IOException {
    Map<Long, List<ScoreDoc>> groups = new LinkedHashMap<>();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (ScoreDoc sd : docs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
      NumericDocValues cluster = leaf.reader().getNumericDocValues(FailureFields.CLUSTER);
      Long id =
          cluster != null && cluster.advanceExact(sd.doc - leaf.docBase)
              ? cluster.longValue()
              : null;
      List<ScoreDoc> members =
          groups.computeIfAbsent(id == null ? UNCLUSTERED : id, k -> new ArrayList<>());
      if (members.size() < per) {
        members.add(sd);
      }
    }
    return groups;
  }

  private SearchPage page(
      IndexSearcher searcher,
      FacetsCollector matching,
      long total,
      Map<Long, List<ScoreDoc>> groups,
      Query highlight,
      SearchRequest request)
      throws IOException {
    List<Map.Entry<Long, List<ScoreDoc>>> shown =
        groups.entrySet().stream().skip(request.offset()).limit(request.limit()).toList();
    List<ScoreDoc> docs = shown.stream().flatMap(e -> e.getValue().stream()).toList();
    Map<Integer, Map<String, List<Fragment>>> marks = highlight(searcher, highlight, docs);
    Facets facets = facetCounts(searcher, matching);
    List<SearchPage.ClusterHits> clusters = new ArrayList<>();
    for (Map.Entry<Long, List<ScoreDoc>> g : shown) {
      List<SearchHit> hits = new ArrayList<>();
      for (ScoreDoc sd : g.getValue()) {
        hits.add(hit(searcher, sd, marks.getOrDefault(sd.doc, Map.of())));
      }
      Long cluster = UNCLUSTERED.equals(g.getKey()) ? null : g.getKey();
      long count = g.getValue().size();
      if (cluster != null && facets != null) {
        Number n = facets.getSpecificValue(FailureFields.CLUSTER, cluster.toString());
        count = n == null ? count : Math.max(count, n.longValue());
      }
      clusters.add(new SearchPage.ClusterHits(cluster, count, score(g.getValue().get(0)), hits));
    }
    int totalClusters = facets == null ? groups.size() : distinct(facets, FailureFields.CLUSTER);
    boolean unclustered = groups.containsKey(UNCLUSTERED);
    return new SearchPage(
        total,
        totalClusters + (unclustered ? 1 : 0),
        clusters,
        total == 0 ? Map.of() : counts(facets));
  }

  private static float score(ScoreDoc sd) {
    return Float.isNaN(sd.score) ? 0 : sd.score;
  }

  static SearchHit hit(IndexSearcher searcher, ScoreDoc sd, Map<String, List<Fragment>> marks)
      throws IOException {
    Document d = searcher.storedFields().document(sd.doc);
    IndexableField cluster = d.getField(FailureFields.CLUSTER);
    return new SearchHit(
        Long.parseLong(d.get(FailureFields.ID)),
        d.getField(FailureFields.BUILD).numericValue().longValue(),
        cluster == null ? null : cluster.numericValue().longValue(),
        Float.isNaN(sd.score) ? 0 : sd.score,
        marks.getOrDefault(FailureFields.KEY, List.of()),
        marks.getOrDefault(FailureFields.EXCERPT, List.of()));
  }

  private Map<Integer, Map<String, List<Fragment>>> highlight(
      IndexSearcher searcher, Query query, List<ScoreDoc> docs) throws IOException {
    Map<Integer, Map<String, List<Fragment>>> out = new LinkedHashMap<>();
    if (docs.isEmpty()) {
      return out;
    }
    int[] ids = docs.stream().mapToInt(sd -> sd.doc).toArray();
    int[] passages = new int[HIGHLIGHTED.length];
    java.util.Arrays.fill(passages, PASSAGES);
    Map<String, Object[]> byField =
        new Highlighter(searcher, analyzer).objects(query, ids, passages);
    for (Map.Entry<String, Object[]> e : byField.entrySet()) {
      for (int i = 0; i < ids.length; i++) {
        @SuppressWarnings("unchecked")
        List<Fragment> fragments = (List<Fragment>) e.getValue()[i];
        if (fragments != null) {
          out.computeIfAbsent(ids[i], k -> new LinkedHashMap<>()).put(e.getKey(), fragments);
        }
      }
    }
    return out;
  }

  private Facets facetCounts(IndexSearcher searcher, FacetsCollector matching) throws IOException {
    SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
    return state == null ? null : new SortedSetDocValuesFacetCounts(state, matching);
  }

  /** How many values of a facet the hits have. */
  private static int distinct(Facets facets, String dim) throws IOException {
    try {
      FacetResult r = facets.getTopChildren(1, dim);
      return r == null ? 0 : r.childCount;
    } catch (IllegalArgumentException noSuchDimension) {
      return 0;
    }
  }

  private static Map<String, List<SearchPage.Count>> counts(Facets facets) throws IOException {
    if (facets == null) {
      return Map.of();
    }
    Map<String, List<SearchPage.Count>> out = new LinkedHashMap<>();
    for (String dim : FailureFields.FACETS) {
      FacetResult result;
      try {
        result = facets.getTopChildren(FACET_VALUES, dim);
      } catch (IllegalArgumentException noSuchDimension) {
        continue;
      }
      if (result != null) {
        List<SearchPage.Count> values = new ArrayList<>();
        for (LabelAndValue lv : result.labelValues) {
          values.add(new SearchPage.Count(lv.label, lv.value.longValue()));
        }
        out.put(dim, values);
      }
    }
    return out;
  }

  /** Builds the facet ordinals of a new reader ahead of its searches. */
  void prepare(IndexReader reader) throws IOException {
    facetState(reader);
  }

  /** The facet ordinals of this reader, built once per reader (they change on refresh). */
  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    synchronized (facetStates) {
      if (facetStates.containsKey(reader)) {
        return facetStates.get(reader);
      }
      SortedSetDocValuesReaderState state;
      try {
        state = new DefaultSortedSetDocValuesReaderState(reader, FailureFields.FACETS_CONFIG);
      } catch (IllegalArgumentException noFacetsIndexedYet) {
        state = null;
      }
      facetStates.put(reader, state);
      return state;
    }
  }

  /** The unified highlighter, giving each field's passages as fragments rather than markup. */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(IndexSearcher searcher, Analyzer analyzer) {
      super(
          UnifiedHighlighter.builder(searcher, analyzer)
              .withFormatter(new Fragments())
              .withMaxLength(20_000));
    }

    Map<String, Object[]> objects(Query query, int[] docs, int[] passages) throws IOException {
      return highlightFieldsAsObjects(HIGHLIGHTED, query, docs, passages);
    }

    /** A key line is shown whole; an excerpt a line (not a sentence) at a time. */
    @Override
    protected BreakIterator getBreakIterator(String field) {
      return field.equals(FailureFields.KEY)
          ? new WholeBreakIterator()
          : new CustomSeparatorBreakIterator('\n');
    }
  }

  /** Formats passages as fragments: plain text and matches, passages joined by " … ". */
  private static final class Fragments extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      List<Fragment> out = new ArrayList<>();
      int last = -1;
      for (Passage p : passages) {
        if (last >= 0 && p.getStartOffset() > last) {
          out.add(new Fragment(" … ", false));
        }
        int pos = p.getStartOffset();
        for (int i = 0; i < p.getNumMatches(); i++) {
          int start = Math.max(pos, p.getMatchStarts()[i]);
          int end = p.getMatchEnds()[i];
          if (end <= start) {
            continue;
          }
          if (start > pos) {
            out.add(new Fragment(content.substring(pos, start), false));
          }
          out.add(new Fragment(content.substring(start, end), true));
          pos = end;
        }
        if (p.getEndOffset() > pos) {
          out.add(new Fragment(content.substring(pos, p.getEndOffset()), false));
        }
        last = p.getEndOffset();
      }
      return out;
    }
  }
}
