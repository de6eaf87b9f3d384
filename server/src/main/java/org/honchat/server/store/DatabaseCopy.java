package org.honchat.server.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code honchat database copy}: every table of one store into another of the same schema version (the embedded
 * database into PostgreSQL, docs/operations.md "Moving to PostgreSQL"). Tables go parents first (by their foreign
 * keys), all in one transaction of the target; an identity column's next value is moved past the copied ids; a
 * non-empty target is refused before anything is written, and the row counts are compared after.
 */
public final class DatabaseCopy {

    /** Rows of one table in the source and in the target after the copy. */
    public record Table(String name, long sourceRows, long targetRows) {
    }

    private static final String FLYWAY_HISTORY = "flyway_schema_history";
    /** Tables the migrations fill with starting values (V3: the notification counter): the copy replaces them. */
    private static final Set<String> SEEDED = Set.of("counters");
    private static final int BATCH = 1000;

    private DatabaseCopy() {
    }

    public static List<Table> copy(Database source, Database target) {
        try (Connection from = source.dataSource().getConnection();
                Connection to = target.dataSource().getConnection()) {
            Map<String, Set<String>> tables = tables(from);
            for (String table : tables.keySet()) {
                long rows = SEEDED.contains(table) ? 0 : count(to, table);
                if (rows > 0) {
                    throw new StoreException("the target database is not empty (table " + table + " has " + rows
                            + " rows): copy into a new, empty database or schema");
                }
            }
            List<String> order = parentsFirst(tables);
            to.setAutoCommit(false);
            try {
                for (String table : order) {
                    if (SEEDED.contains(table)) {
                        try (Statement st = to.createStatement()) {
                            st.executeUpdate("DELETE FROM " + table);
                        }
                    }
                    copyRows(from, to, table);
                }
                for (String table : order) {
                    moveIdentities(from, to, table);
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                to.setAutoCommit(true);
            }
            List<Table> counts = new ArrayList<>();
            for (String table : order) {
                Table t = new Table(table, count(from, table), count(to, table));
                if (t.sourceRows() != t.targetRows()) {
                    throw new StoreException("table " + table + " has " + t.sourceRows() + " rows in the source but "
                            + t.targetRows() + " in the target");
                }
                counts.add(t);
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("the copy failed, nothing was written: " + Database.rootMessage(e), e);
        }
    }

    /** The source's tables (lower case, Flyway's history left out), each with the tables it references. */
    private static Map<String, Set<String>> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(FLYWAY_HISTORY)) {
                    tables.put(name, new LinkedHashSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> table : tables.entrySet()) {
            try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), schema, stored(meta, table.getKey()))) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table.getKey())) {
                        table.getValue().add(parent);
                    }
                }
            }
        }
        return tables;
    }

    /** The name as the database's metadata stores unquoted identifiers (H2 upper case, PostgreSQL lower). */
    private static String stored(DatabaseMetaData meta, String name) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    private static List<String> parentsFirst(Map<String, Set<String>> tables) {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String table : tables.keySet()) {
            visit(table, tables, order, visiting);
        }
        return order;
    }

    private static void visit(String table, Map<String, Set<String>> tables, List<String> order,
            Set<String> visiting) {
        if (order.contains(table) || !tables.containsKey(table)) {
            return;
        }
        if (!visiting.add(table)) {
            throw new StoreException("the tables' foreign keys form a cycle at " + table);
        }
        for (String parent : tables.get(table)) {
            visit(parent, tables, order, visiting);
        }
        visiting.remove(table);
        order.add(table);
    }

    private static void copyRows(Connection from, Connection to, String table) throws SQLException {
        try (Statement select = from.createStatement(); ResultSet rs = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            int n = columns.getColumnCount();
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                names.append(i > 1 ? ", " : "").append(columns.getColumnName(i).toLowerCase(Locale.ROOT));
                marks.append(i > 1 ? ", ?" : "?");
            }
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                    + marks + ")")) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        insert.setObject(i, rs.getObject(i), columns.getColumnType(i));
                    }
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
    }

    /** Identity columns continue after the largest copied id, as they would have in the source. */
    private static void moveIdentities(Connection from, Connection to, String table) throws SQLException {
        DatabaseMetaData meta = from.getMetaData();
        List<String> identities = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(from.getCatalog(), from.getSchema(), stored(meta, table), "%")) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                    identities.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean postgres = to.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        for (String column : identities) {
            long max;
            try (Statement st = to.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MAX(" + column + ") FROM " + table)) {
                rs.next();
                max = rs.getLong(1);
                if (rs.wasNull()) {
                    continue; // no rows: the column starts where its definition says
                }
            }
            if (postgres) {
                try (PreparedStatement st = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?)")) {
                    String schema = to.getSchema();
                    st.setString(1, schema == null || schema.isEmpty() ? table : schema + "." + table);
                    st.setString(2, column);
                    st.setLong(3, max);
                    st.execute();
                }
            } else {
                try (Statement st = to.createStatement()) {
                    st.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + (max + 1));
                }
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
