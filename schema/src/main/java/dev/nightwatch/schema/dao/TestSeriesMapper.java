package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestSeries;
import dev.nightwatch.schema.store.HistoryCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code test_series} row, joined with its test's and builder's names, decoding history. */
public final class TestSeriesMapper implements RowMapper<TestSeries> {
  @Override
  public TestSeries map(ResultSet rs, StatementContext ctx) throws SQLException {
    long segmentBuild = rs.getLong("segment_build_id");
    boolean hasSegment = !rs.wasNull();
    int segmentNumber = rs.getInt("segment_build_number");
    return new TestSeries(
        rs.getLong("test_id"),
        rs.getString("test_name"),
        rs.getLong("builder_id"),
        rs.getString("builder_name"),
        rs.getString("branch"),
        HistoryCodec.decode(rs.getBytes("history")),
        SegmentState.valueOf(rs.getString("state")),
        hasSegment ? segmentBuild : null,
        hasSegment ? segmentNumber : null,
        instant(rs.getTimestamp("segment_started_at")),
        rs.getInt("segment_runs"),
        rs.getInt("segment_unexpected"),
        rs.getDouble("flip_rate"),
        instant(rs.getTimestamp("last_run_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
