package id.sertiflow.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole database searched for values: every table of the schema, SertiFlow's and Camunda's
 * ({@code ACT_*}) alike, as the JDBC driver's metadata lists them, and in each every column that
 * can hold text or bytes (character types, CLOBs, JSON, binary types and BLOBs, PostgreSQL's
 * {@code bytea} and {@code text} among them). Text is searched by the database, ignoring case;
 * bytes are read and searched as UTF-8. Works the same on H2 and PostgreSQL; the reliability run
 * searches its two nodes' database with it too.
 */
public final class DatabaseSearch {

  record Column(String table, String column, boolean bytes, boolean json) {
    String name() {
      return (table + "." + column).toLowerCase(Locale.ROOT);
    }
  }

  private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR,
      Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.SQLXML);
  private static final Set<Integer> BYTES = Set.of(Types.BINARY, Types.VARBINARY,
      Types.LONGVARBINARY, Types.BLOB);

  private final JdbcTemplate jdbc;
  private final List<Column> columns;

  public DatabaseSearch(DataSource dataSource) throws SQLException {
    this.jdbc = new JdbcTemplate(dataSource);
    this.columns = searchable(dataSource);
  }

  List<Column> columns() {
    return columns;
  }

  /**
   * Every column holding any of {@code values} (ignoring case), as {@code table.column} in lower
   * case, with one of the values it holds there.
   */
  public Map<String, String> columnsHolding(Collection<String> values) {
    List<String> needles = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    Map<String, String> found = new TreeMap<>();
    for (Column c : columns) {
      String column = quoted(c.table()) + "." + quoted(c.column());
      if (c.bytes()) {
        jdbc.query("select " + column + " from " + quoted(c.table()) + " where " + column
            + " is not null", rs -> {
              byte[] value = rs.getBytes(1);
              String text = new String(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
              needles.stream().filter(text::contains).findFirst()
                  .ifPresent(n -> found.put(c.name(), n));
            });
      } else {
        // one statement a column, every value at once; then which of them it is
        String text = c.json() ? "cast(" + column + " as varchar)" : column;
        String any = String.join(" or ", java.util.Collections.nCopies(needles.size(),
            "lower(" + text + ") like ?"));
        List<String> hits = jdbc.queryForList("select " + text + " from " + quoted(c.table())
            + " where " + any + " fetch first 1 rows only", String.class,
            needles.stream().map(n -> "%" + n.replace("%", "\\%").replace("_", "\\_") + "%").toArray());
        if (!hits.isEmpty()) {
          String hit = hits.get(0).toLowerCase(Locale.ROOT);
          found.put(c.name(), needles.stream().filter(hit::contains).findFirst().orElse(hit));
        }
      }
    }
    return found;
  }

  private static List<Column> searchable(DataSource dataSource) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String schema = connection.getSchema();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, table, "%")) {
          while (rs.next()) {
            int type = rs.getInt("DATA_TYPE");
            String typeName = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
            String name = rs.getString("COLUMN_NAME");
            if (BYTES.contains(type) || typeName.equals("bytea")) {
              columns.add(new Column(table, name, true, false));
            } else if (TEXT.contains(type) || typeName.contains("json") || typeName.equals("text")
                || typeName.contains("char")) {
              columns.add(new Column(table, name, false, typeName.contains("json")));
            }
          }
        }
      }
    }
    return columns;
  }

  private static String quoted(String identifier) {
    return "\"" + identifier + "\"";
  }
}
