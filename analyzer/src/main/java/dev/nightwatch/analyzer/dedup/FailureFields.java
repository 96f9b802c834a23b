package dev.nightwatch.analyzer.dedup;

import dev.nightwatch.analyzer.fingerprint.Normalizer;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;

/** The fields of a failure's document in the index, and how a failure becomes one. */
final class FailureFields {
  static final String ID = "id";
  static final String ID_VALUE = "id_value";
  static final String BUILD = "build";
  static final String CLUSTER = "cluster";
  static final String FINGERPRINT = "fingerprint";
  static final String KIND = "kind";
  static final String TEST = "test";
  static final String BUILDER = "builder";
  static final String WORKER = "worker";
  static final String BRANCH = "branch";
  static final String REVISION = "revision";
  static final String TIME = "time";
  static final String TEXT = "text";
  static final String KEY = "key";
  static final String EXCERPT = "excerpt";
  static final String KEY_NORMALIZED = "keynorm";
  static final String SOURCE_FILE = "source_file";

  /**
   * The source file a compiler diagnostic names, as gcc ({@code Objects/longobject.c:39:40:}) and
   * MSVC ({@code ..\\PC\\x.c(12):}) write it: the file's base name is group 1.
   */
  private static final Pattern SOURCE =
      Pattern.compile(
          "(?:^|[\\s'\"(/\\\\])([\\w.+-]+\\.(?:c|h|cc|cpp|cxx|hpp|hh|m|mm|s|S|asm|rs|f90|pyx|in))"
              + "(?=[:(])");

  /** The facet dimensions, each counted over the hits and usable as an exact filter. */
  static final String[] FACETS = {KIND, BUILDER, TEST, BRANCH, WORKER};

  /** Facets, and the cluster as one more: the hits of each cluster, counted in the same pass. */
  static final FacetsConfig FACETS_CONFIG = new FacetsConfig();

  /** Text that the highlighter reads: positions and offsets in the postings, value stored. */
  private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

  static {
    HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    HIGHLIGHTED.freeze();
  }

  private FailureFields() {}

  /** The base name of the source file a key line names, or null. */
  static String sourceFile(String keyLine) {
    if (keyLine == null) {
      return null;
    }
    Matcher m = SOURCE.matcher(keyLine);
    return m.find() ? m.group(1) : null;
  }

  /** The facet value of a kind: lower case, as the query syntax reads it. */
  static String kind(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static Document document(IndexedFailure f) throws IOException {
    Document d = new Document();
    d.add(new StringField(ID, Long.toString(f.failureId()), Field.Store.YES));
    d.add(new NumericDocValuesField(ID_VALUE, f.failureId()));
    d.add(new StoredField(BUILD, f.buildId()));
    if (f.clusterId() != null) {
      d.add(new StoredField(CLUSTER, f.clusterId()));
      d.add(new NumericDocValuesField(CLUSTER, f.clusterId()));
    }
    d.add(new StringField(FINGERPRINT, f.fingerprint(), Field.Store.YES));
    String kind = kind(f.kind().name());
    d.add(new TextField(KIND, kind, Field.Store.YES));
    text(d, TEST, join(f.testFile(), f.testName()));
    text(d, BUILDER, f.builder());
    text(d, WORKER, f.worker());
    text(d, BRANCH, f.branch());
    text(d, REVISION, f.revision());
    text(d, TEXT, f.normalizedText());
    if (f.keyLine() != null) {
      d.add(new StringField(KEY_NORMALIZED, Normalizer.normalize(f.keyLine()), Field.Store.NO));
      d.add(new Field(KEY, f.keyLine(), HIGHLIGHTED));
      String source = sourceFile(f.keyLine());
      if (source != null) {
        d.add(new StringField(SOURCE_FILE, source, Field.Store.NO));
      }
    }
    if (f.excerpt() != null) {
      d.add(new Field(EXCERPT, f.excerpt(), HIGHLIGHTED));
    }
    long time = f.time().toEpochMilli();
    d.add(new LongPoint(TIME, time));
    d.add(new NumericDocValuesField(TIME, time));
    d.add(new StoredField(TIME, time));
    facet(d, KIND, kind);
    facet(d, BUILDER, f.builder());
    facet(d, TEST, f.testFile());
    facet(d, BRANCH, f.branch());
    facet(d, WORKER, f.worker());
    if (f.clusterId() != null) {
      facet(d, CLUSTER, Long.toString(f.clusterId()));
    }
    return FACETS_CONFIG.build(d);
  }

  private static void text(Document d, String field, String value) {
    if (value != null && !value.isBlank()) {
      d.add(new TextField(field, value, Field.Store.YES));
    }
  }

  private static void facet(Document d, String dim, String value) {
    if (value != null && !value.isBlank()) {
      d.add(new SortedSetDocValuesFacetField(dim, value));
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null || b.equals(a) ? a : a + " " + b;
  }
}
