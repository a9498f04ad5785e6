package org.academy.base;

import java.util.Map;

/**
 * One page of a server-side sorted list, as a lazy grid asks for it. Services whitelist the sort
 * keys they accept ({@link #orderBy}), so a crafted request cannot inject SQL through a column name,
 * and cap the page size, so no request loads a whole table.
 */
public record Paging(int offset, int limit, String sortKey, boolean ascending) {

    public static final int MAX_LIMIT = 500;

    public Paging {
        if (offset < 0) {
            throw new InvalidRequestException("A page cannot start before the first row.");
        }
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    public static Paging first(int limit) {
        return new Paging(0, limit, null, true);
    }

    /**
     * The ORDER BY expression for this page: the column the whitelist maps the sort key to (or the
     * default's), then {@code tieBreaker} so that pages never overlap or skip rows.
     */
    public String orderBy(Map<String, String> whitelist, String defaultKey, String tieBreaker) {
        String column = sortKey == null ? null : whitelist.get(sortKey);
        boolean asc = column == null || ascending;
        if (column == null) {
            column = whitelist.get(defaultKey);
        }
        return column + (asc ? " asc" : " desc") + " nulls last, " + tieBreaker;
    }
}
