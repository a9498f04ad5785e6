package org.academy.base;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

/**
 * Maps rows to records by matching column names to component names, ignoring case and
 * underscores ({@code display_name} → {@code displayName}). Spring's {@code DataClassRowMapper}
 * looks each camel-case name up first and catches the driver's exception when it is missing:
 * one thrown exception per column and row, which showed up as a hot spot under load.
 * Columns are resolved once per result set. Use a fresh mapper per query ({@link #of}).
 */
public final class RecordRowMapper<R extends Record> implements RowMapper<R> {

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    private int[] columns;

    private RecordRowMapper(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
    }

    public static <R extends Record> RecordRowMapper<R> of(Class<R> type) {
        return new RecordRowMapper<>(type);
    }

    @Override
    public R mapRow(ResultSet rs, int rowNum) throws SQLException {
        if (columns == null) {
            columns = resolve(rs.getMetaData());
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = read(rs, columns[i], components[i].getType());
        }
        try {
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getSimpleName(), e);
        }
    }

    private int[] resolve(ResultSetMetaData meta) throws SQLException {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            byName.putIfAbsent(normalise(meta.getColumnLabel(i)), i);
        }
        int[] result = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            Integer index = byName.get(normalise(components[i].getName()));
            if (index == null) {
                throw new IllegalStateException("No column for " + type.getSimpleName() + "." + components[i].getName());
            }
            result[i] = index;
        }
        return result;
    }

    private static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object read(ResultSet rs, int column, Class<?> type) throws SQLException {
        if (type == long.class) {
            return rs.getLong(column);
        }
        if (type == int.class) {
            return rs.getInt(column);
        }
        if (type == boolean.class) {
            return rs.getBoolean(column);
        }
        if (type == String.class) {
            return rs.getString(column);
        }
        if (type == Instant.class) {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : t.toInstant();
        }
        if (type == LocalDate.class) {
            return rs.getObject(column, LocalDate.class);
        }
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (type == Long.class) {
            return ((Number) value).longValue();
        }
        if (type == Integer.class) {
            return ((Number) value).intValue();
        }
        return type.cast(value);
    }
}
