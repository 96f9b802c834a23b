package dev.nightwatch.web.managed;

import dev.nightwatch.web.ingest.FailureIndexer;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Admin tasks on the failure index ({@code POST /tasks/NAME} on the admin port): {@code
 * index-drain} clusters and indexes what is queued now, {@code index-rebuild} rebuilds the index
 * from the database, {@code index-recluster} places every failure again.
 */
public final class IndexTask extends Task {
  /** What a task does with the indexer; returns a line for the operator. */
  @FunctionalInterface
  public interface Work {
    String run(FailureIndexer indexer) throws Exception;
  }

  private final IndexService index;
  private final Work work;

  public IndexTask(String name, IndexService index, Work work) {
    super(name);
    this.index = index;
    this.work = work;
  }

  /** The three tasks over one service. */
  public static List<IndexTask> all(IndexService index) {
    return List.of(
        new IndexTask("index-drain", index, i -> "drained " + i.drain() + " queued entries"),
        new IndexTask("index-rebuild", index, i -> "rebuilt from " + i.rebuild() + " failures"),
        new IndexTask(
            "index-recluster", index, i -> "re-clustered " + i.recluster() + " failures"));
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
    FailureIndexer indexer =
        index
            .openIndexer()
            .orElseThrow(() -> new IllegalStateException("index not open: " + index.state()));
    output.println(work.run(indexer));
  }
}
