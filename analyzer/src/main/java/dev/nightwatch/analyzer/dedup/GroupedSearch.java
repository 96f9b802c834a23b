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
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.grouping.GroupDocs;
import org.apache.lucene.search.grouping.GroupingSearch;
import org.apache.lucene.search.grouping.TopGroups;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/** Runs one search: hits grouped by cluster, facet counts over all hits, highlighted excerpts. */
final class GroupedSearch {
  private static final int FACET_VALUES = 10;
  private static final int PASSAGES = 3;
  private static final String[] HIGHLIGHTED = {FailureFields.KEY, FailureFields.EXCERPT};

  private final Analyzer analyzer;
  private SortedSetDocValuesReaderState facetState;

  GroupedSearch(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  SearchPage run(IndexSearcher searcher, Query query, Query highlight, SearchRequest request)
      throws IOException {
    GroupingSearch grouping =
        new GroupingSearch(FailureFields.CLUSTER_GROUP)
            .setGroupDocsLimit(request.hitsPerCluster())
            .setAllGroups(true)
            .setIncludeMaxScore(true)
            .disableCaching();
    TopGroups<BytesRef> top = grouping.search(searcher, query, request.offset(), request.limit());
    List<ScoreDoc> shown = new ArrayList<>();
    if (top != null) {
      for (GroupDocs<BytesRef> g : top.groups) {
        shown.addAll(List.of(g.scoreDocs));
      }
    }
    Map<Integer, Map<String, List<Fragment>>> marks = highlight(searcher, highlight, shown);
    List<SearchPage.ClusterHits> clusters = new ArrayList<>();
    if (top != null) {
      for (GroupDocs<BytesRef> g : top.groups) {
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc sd : g.scoreDocs) {
          hits.add(hit(searcher, sd, marks.getOrDefault(sd.doc, Map.of())));
        }
        Long cluster = g.groupValue == null ? null : Long.valueOf(g.groupValue.utf8ToString());
        clusters.add(new SearchPage.ClusterHits(cluster, g.totalHits.value, maxScore(g), hits));
      }
    }
    long total = top == null ? 0 : top.totalHitCount;
    int groups = top == null || top.totalGroupCount == null ? 0 : top.totalGroupCount;
    return new SearchPage(total, groups, clusters, total == 0 ? Map.of() : facets(searcher, query));
  }

  private static float maxScore(GroupDocs<BytesRef> g) {
    return Float.isNaN(g.maxScore) ? 0 : g.maxScore;
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

  private Map<String, List<SearchPage.Count>> facets(IndexSearcher searcher, Query query)
      throws IOException {
    SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
    if (state == null) {
      return Map.of();
    }
    FacetsCollector hits = searcher.search(query, new FacetsCollectorManager());
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, hits);
    Map<String, List<SearchPage.Count>> facets = new LinkedHashMap<>();
    for (String dim : FailureFields.FACETS) {
      FacetResult result;
      try {
        result = counts.getTopChildren(FACET_VALUES, dim);
      } catch (IllegalArgumentException noSuchDimension) {
        continue;
      }
      if (result != null) {
        List<SearchPage.Count> values = new ArrayList<>();
        for (LabelAndValue lv : result.labelValues) {
          values.add(new SearchPage.Count(lv.label, lv.value.longValue()));
        }
        facets.put(dim, values);
      }
    }
    return facets;
  }

  /** The facet ordinals of this reader, built once per reader (they change on refresh). */
  private synchronized SortedSetDocValuesReaderState facetState(IndexReader reader)
      throws IOException {
    if (facetState == null || facetState.getReader() != reader) {
      try {
        facetState = new DefaultSortedSetDocValuesReaderState(reader, FailureFields.FACETS_CONFIG);
      } catch (IllegalArgumentException noFacetsIndexedYet) {
        return null;
      }
    }
    return facetState;
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
