package dev.nightwatch.analyzer.dedup;

import static dev.nightwatch.analyzer.dedup.FailureFields.TEXT;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.SmallFloat;

/** A failure's normalized text as a query over the index's normalized texts, and its self-score. */
final class SimilarityQuery {
  private static final int MAX_TERMS = 256;

  private final Map<String, Integer> terms;

  SimilarityQuery(Analyzer analyzer, String text) throws IOException {
    this.terms = terms(analyzer, text);
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }

  /**
   * The {@code n} words that tell most — frequent in this text, rare in the index, found in at
   * least {@code minDocs} of its documents — as SHOULD clauses: BM25 ranks by what is shared.
   */
  Query telling(IndexReader reader, int n, int minDocs) throws IOException {
    int docs = Math.max(1, reader.numDocs());
    Map<String, Double> weight = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      int df = reader.docFreq(new Term(TEXT, e.getKey()));
      if (df >= minDocs) { // a word no other failure has cannot make it like another
        weight.put(e.getKey(), e.getValue() * Math.log(1.0 + docs / (double) df));
      }
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    weight.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .forEach(e -> q.add(new TermQuery(new Term(TEXT, e.getKey())), Occur.SHOULD));
    BooleanQuery query = q.build();
    return query.clauses().isEmpty() ? new MatchNoDocsQuery("no shared words") : query;
  }

  /**
   * The BM25 score the text would get as a document of this index: Lucene's own similarity, with
   * the statistics counting that document in.
   */
  double selfScore(IndexSearcher searcher) throws IOException {
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
    IndexReader reader = searcher.getIndexReader();
    double score = 0;
    for (Map.Entry<String, Integer> e : terms.entrySet()) {
      Term term = new Term(TEXT, e.getKey());
      TermStatistics termStats =
          new TermStatistics(
              term.bytes(), reader.docFreq(term) + 1L, reader.totalTermFreq(term) + e.getValue());
      score += searcher.getSimilarity().scorer(1f, withSelf, termStats).score(e.getValue(), norm);
    }
    return score;
  }

  /** The words of a text as the index reads them, with how often each occurs (the first 256). */
  private static Map<String, Integer> terms(Analyzer analyzer, String text) throws IOException {
    Map<String, Integer> terms = new LinkedHashMap<>();
    if (text == null) {
      return terms;
    }
    try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String t = term.toString();
        if (terms.size() < MAX_TERMS || terms.containsKey(t)) {
          terms.merge(t, 1, Integer::sum);
        }
      }
      stream.end();
    }
    return terms;
  }
}
