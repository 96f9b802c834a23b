package dev.nightwatch.web.resources;

import dev.nightwatch.analyzer.flaky.BetaPrior;
import dev.nightwatch.analyzer.flaky.Counts;
import dev.nightwatch.analyzer.flaky.Estimate;
import dev.nightwatch.analyzer.flaky.Scores;
import dev.nightwatch.analyzer.flaky.Segmenter;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.DayWindow;
import dev.nightwatch.schema.dao.TestHistoryDao;
import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.model.Builder;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestSeries;
import dev.nightwatch.schema.model.TestTotals;
import dev.nightwatch.web.api.FlakyReport;
import dev.nightwatch.web.api.FlakyTest;
import dev.nightwatch.web.api.TestDetail;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The flakiest-tests report and the test pages, read from the aggregates and series that ingest
 * keeps (never from raw outcomes): rank every test that did not always pass in the window, then
 * fill in the details of one page of them.
 */
public final class FlakyQueries {
  /** Builders (with branch) on a test's page. */
  public static final int TEST_PAGE = 25;

  /** The report's filters and page. */
  public record Filter(
      String builder, String branch, int days, String sort, int offset, int limit) {
    public Filter {
      checkDays(days);
      if (!sort.equals("lower") && !sort.equals("impact")) {
        throw new BadRequestException("sort must be lower or impact");
      }
      if (limit < 1 || limit > 1000 || offset < 0) {
        throw new BadRequestException("limit must be 1–1000 and offset ≥ 0");
      }
      builder = builder == null || builder.isBlank() ? null : builder;
      branch = branch == null || branch.isBlank() ? null : branch;
    }

    /**
     * The filters from query parameters: malformed numbers answer 400, absent ones the defaults.
     */
    public static Filter of(
        String builder, String branch, String days, String sort, String offset, String limit) {
      return new Filter(
          builder,
          branch,
          days(days),
          sort == null || sort.isBlank() ? "lower" : sort,
          Params.offset(offset),
          Params.optionalInt("limit", limit, 1, 50));
    }

    /** The window in days from a query parameter: 30 when absent. */
    public static int days(String days) {
      return Params.optionalInt("days", days, 1, 30);
    }

    /** A window's length must be 1–3660 days; 400 otherwise. */
    static void checkDays(int days) {
      if (days < 1 || days > 3660) {
        throw new BadRequestException("days must be 1–3660");
      }
    }
  }

  static final int SHARES = 3;

  /** Workers with incident builds listed on the report. */
  static final int INCIDENT_ROWS = 10;

  /** The clusters shown for a test are those of its latest failures. */
  static final int LATEST_FAILURES = 200;

  /**
   * Tests with fewer runs in the window rank after the rest: one failure in one run has a Wilson
   * lower bound of 0.21, above a test that failed 30 times in 300.
   */
  static final int MIN_RUNS = 10;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Segmenter segmenter = new Segmenter();

  public FlakyQueries(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public FlakyReport report(Filter f) {
    LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate from = to.minusDays(f.days() - 1L);
    return jdbi.withHandle(
        h -> {
          TestHistoryDao dao = h.attach(TestHistoryDao.class);
          Long builderId = f.builder() == null ? null : builderId(h, f.builder());
          List<TestTotals> all =
              builderId == null
                  ? dao.totals(
                      f.branch() == null ? TestHistoryDao.ALL_BRANCHES : f.branch(),
                      window(from, to))
                  : dao.builderTotals(builderId, f.branch(), window(from, to));
          BetaPrior prior = BetaPrior.fit(all.stream().map(FlakyQueries::counts).toList());
          List<Ranked> ranked = new ArrayList<>();
          for (TestTotals t : all) {
            if (t.failures() + t.flaky() > 0) {
              ranked.add(new Ranked(t, Scores.wilsonLower(t.failures() + t.flaky(), t.runs())));
            }
          }
          Comparator<Ranked> byLower =
              Comparator.comparing((Ranked r) -> r.totals().runs() < MIN_RUNS)
                  .thenComparing(
                      Comparator.comparingDouble((Ranked r) -> r.wilsonLower()).reversed());
          Comparator<Ranked> order =
              f.sort().equals("impact")
                  ? Comparator.comparingLong((Ranked r) -> r.totals().red())
                      .reversed()
                      .thenComparing(byLower)
                  : byLower.thenComparing(
                      Comparator.comparingLong((Ranked r) -> r.totals().red()).reversed());
          // Ties go by name, so a page is the same every time.
          ranked.sort(order.thenComparing(r -> r.totals().testName()));
          int end = Math.min(ranked.size(), f.offset() + f.limit());
          List<Ranked> page =
              f.offset() >= ranked.size() ? List.of() : ranked.subList(f.offset(), end);
          List<FlakyTest> rows =
              details(h, page, prior, f.offset(), builderId, f.branch(), from, to);
          return new FlakyReport(
              f.builder(),
              f.branch(),
              f.days(),
              from,
              to,
              f.sort(),
              prior.alpha(),
              prior.beta(),
              ranked.size(),
              f.offset(),
              rows,
              end < ranked.size() ? end : null,
              dao.incidents(
                  from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                  to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                  builderId,
                  f.branch(),
                  INCIDENT_ROWS));
        });
  }

  /**
   * One test: its row over the window and its history on a page of the builders it ran on, the most
   * unsettled first, {@link #TEST_PAGE} from {@code offset}.
   */
  public TestDetail test(String name, int days, int offset) {
    Filter.checkDays(days);
    LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate from = to.minusDays(days - 1L);
    return jdbi.withHandle(
        h -> {
          long testId =
              h.attach(TestOutcomeDao.class)
                  .findTest(name)
                  .orElseThrow(() -> new NotFoundException("no test " + name));
          TestHistoryDao dao = h.attach(TestHistoryDao.class);
          // The same prior as the report's, fitted to every test over the window.
          BetaPrior prior =
              BetaPrior.fit(
                  dao.totals(TestHistoryDao.ALL_BRANCHES, window(from, to)).stream()
                      .map(FlakyQueries::counts)
                      .toList());
          FlakyTest summary =
              dao.testTotals(testId, window(from, to))
                  .filter(t -> t.runs() + t.incidents() > 0)
                  .map(
                      t -> {
                        Ranked r =
                            new Ranked(t, Scores.wilsonLower(t.failures() + t.flaky(), t.runs()));
                        return details(h, List.of(r), prior, 0, null, null, from, to).get(0);
                      })
                  .orElse(null);
          // Ordered by what they say, then only the page is segmented: a test on hundreds of
          // builders costs no more than one on a page's worth.
          List<TestSeries> all = new ArrayList<>(dao.series(List.of(testId)));
          all.sort(UNSETTLED_FIRST);
          List<TestDetail.BuilderHistory> builders = new ArrayList<>();
          for (TestSeries s :
              all.subList(Math.min(offset, all.size()), Math.min(offset + TEST_PAGE, all.size()))) {
            builders.add(new TestDetail.BuilderHistory(s, segmenter.segment(s.history())));
          }
          Integer previous = offset > 0 ? Math.max(0, offset - TEST_PAGE) : null;
          Integer next = offset + TEST_PAGE < all.size() ? offset + TEST_PAGE : null;
          return new TestDetail(name, days, summary, all.size(), offset, previous, next, builders);
        });
  }

  /** Failing, flaky, fixed, then stable; then the most runs that did not pass; then by name. */
  private static final Comparator<TestSeries> UNSETTLED_FIRST =
      Comparator.comparingInt((TestSeries s) -> stateRank(s.state()))
          .thenComparing(
              Comparator.comparingLong(
                      (TestSeries s) -> s.history().stream().filter(TestRun::unexpected).count())
                  .reversed())
          .thenComparing(TestSeries::builderName)
          .thenComparing(TestSeries::branch);

  private static int stateRank(SegmentState state) {
    return switch (state) {
      case FAILING -> 0;
      case FLAKY -> 1;
      case FIXED -> 2;
      case STABLE -> 3;
    };
  }

  /** A test's totals and the bound it is ranked by; the posterior is worked out for a page only. */
  private record Ranked(TestTotals totals, double wilsonLower) {}

  private static DayWindow window(LocalDate from, LocalDate to) {
    return new DayWindow(from.toEpochDay(), to.toEpochDay());
  }

  private static Counts counts(TestTotals t) {
    return new Counts(t.runs(), t.failures(), t.flaky());
  }

  private static long builderId(Handle h, String name) {
    return h.attach(BuilderDao.class)
        .findByName(name)
        .map(Builder::id)
        .orElseThrow(() -> new BadRequestException("no builder named " + name));
  }

  private static List<FlakyTest> details(
      Handle h,
      List<Ranked> page,
      BetaPrior prior,
      int offset,
      Long builderId,
      String branch,
      LocalDate from,
      LocalDate to) {
    if (page.isEmpty()) {
      return List.of();
    }
    TestHistoryDao dao = h.attach(TestHistoryDao.class);
    List<Long> ids = page.stream().map(r -> r.totals().testId()).toList();
    List<String> names = page.stream().map(r -> r.totals().testName()).toList();

    Map<Long, Map<String, long[]>> builders = new HashMap<>();
    Map<Long, Map<String, long[]>> workers = new HashMap<>();
    for (TestHistoryDao.Affected a : dao.affected(ids, window(from, to))) {
      add(builders, a.testId(), a.builderName(), a.failures(), a.flaky());
      if (a.workerName() != null) {
        add(workers, a.testId(), a.workerName(), a.failures(), a.flaky());
      }
    }
    // The sparkline: every week the window touches, its first and last perhaps in part.
    long firstWeek = DayWindow.week(from.toEpochDay());
    long lastWeek = DayWindow.week(to.toEpochDay());
    int weeks = (int) (lastWeek - firstWeek + 1);
    Map<Long, Double[]> weekly = new HashMap<>();
    List<TestHistoryDao.Week> weekRows =
        builderId == null
            ? dao.weeks(
                ids, branch == null ? TestHistoryDao.ALL_BRANCHES : branch, firstWeek, lastWeek)
            : dao.builderWeeks(ids, builderId, branch, firstWeek, lastWeek);
    for (TestHistoryDao.Week w : weekRows) {
      if (w.runs() > 0) {
        weekly.computeIfAbsent(w.testId(), k -> new Double[weeks])[(int) (w.week() - firstWeek)] =
            (double) w.unexpected() / w.runs();
      }
    }
    Map<Long, Map<SegmentState, Integer>> states = new HashMap<>();
    for (TestHistoryDao.StateCount c : dao.states(ids, builderId, branch)) {
      states
          .computeIfAbsent(c.testId(), k -> new EnumMap<>(SegmentState.class))
          .put(c.state(), c.series());
    }
    Map<String, List<FlakyTest.ClusterLink>> clusters = new HashMap<>();
    for (String name : names) {
      clusters.put(
          name,
          dao.clustersOfTest(name, LATEST_FAILURES).stream()
              .limit(SHARES)
              .map(c -> new FlakyTest.ClusterLink(c.clusterId(), c.title(), c.failures()))
              .toList());
    }
    List<FlakyTest> rows = new ArrayList<>();
    int rank = offset;
    for (Ranked r : page) {
      TestTotals x = r.totals();
      Estimate e = Scores.estimate(counts(x), prior);
      Map<SegmentState, Integer> st = states.getOrDefault(x.testId(), Map.of());
      Double[] w = weekly.getOrDefault(x.testId(), new Double[weeks]);
      rows.add(
          new FlakyTest(
              ++rank,
              x.testName(),
              x.runs(),
              x.failures(),
              x.flaky(),
              x.incidents(),
              x.red(),
              e.probability(),
              e.lower(),
              e.upper(),
              e.wilsonLower(),
              e.flakyRate(),
              overall(st),
              st,
              top(builders.get(x.testId())),
              top(workers.get(x.testId())),
              x.firstFlakyAt(),
              x.lastFlakyAt(),
              Arrays.asList(w),
              clusters.getOrDefault(x.testName(), List.of())));
    }
    return rows;
  }

  /** The state that matters most across builders: failing, then flaky, fixed, stable. */
  private static SegmentState overall(Map<SegmentState, Integer> states) {
    for (SegmentState s : List.of(SegmentState.FAILING, SegmentState.FLAKY, SegmentState.FIXED)) {
      if (states.containsKey(s)) {
        return s;
      }
    }
    return SegmentState.STABLE;
  }

  private static void add(
      Map<Long, Map<String, long[]>> into, long testId, String name, long failures, long flaky) {
    long[] c =
        into.computeIfAbsent(testId, k -> new HashMap<>()).computeIfAbsent(name, k -> new long[2]);
    c[0] += failures;
    c[1] += flaky;
  }

  private static List<FlakyTest.Share> top(Map<String, long[]> shares) {
    if (shares == null) {
      return List.of();
    }
    return shares.entrySet().stream()
        .map(e -> new FlakyTest.Share(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .sorted(
            Comparator.comparingLong((FlakyTest.Share s) -> s.failures() + s.flaky())
                .reversed()
                .thenComparing(FlakyTest.Share::name))
        .limit(SHARES)
        .toList();
  }
}
