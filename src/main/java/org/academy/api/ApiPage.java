package org.academy.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.academy.base.InvalidRequestException;
import org.academy.base.Paging;

/**
 * One page of a list, as the grids page: {@code page} from 0, {@code size} 1..500, {@code sort} one
 * of the list's whitelisted keys, {@code -key} for descending. An unknown key is refused (400), so a
 * program learns at once that it asked for something that is not there.
 */
public record ApiPage<T>(List<T> items, int page, int size, long total, String sort) {

    static final int DEFAULT_SIZE = 50;

    static Paging paging(int page, int size, String sort, Iterable<String> keys) {
        if (page < 0) {
            throw new InvalidRequestException("page starts at 0.");
        }
        int limit = Math.clamp(size, 1, Paging.MAX_LIMIT);
        if (size < 1 || size > Paging.MAX_LIMIT) {
            throw new InvalidRequestException("size must be between 1 and " + Paging.MAX_LIMIT + ".");
        }
        String key = sort == null || sort.isBlank() ? null : sort.strip();
        boolean ascending = key == null || !key.startsWith("-");
        if (key != null && key.startsWith("-")) {
            key = key.substring(1);
        }
        if (key != null) {
            boolean known = false;
            for (String k : keys) {
                known |= k.equals(key);
            }
            if (!known) {
                throw new InvalidRequestException("sort must be one of " + String.join(", ", keys) + " (with - for descending).");
            }
        }
        if ((long) page * limit > Integer.MAX_VALUE) {
            throw new InvalidRequestException("page is too far.");
        }
        return new Paging(page * limit, limit, key, ascending);
    }

    /** A page cut from a short list held in memory (a person's cohorts, a cohort's learners). */
    static <T> ApiPage<T> of(List<T> all, Paging paging, Map<String, Comparator<T>> sorts, String defaultKey) {
        Comparator<T> order = sorts.get(paging.sortKey() == null ? defaultKey : paging.sortKey());
        if (paging.sortKey() != null && !paging.ascending()) {
            order = order.reversed();
        }
        List<T> sorted = all.stream().sorted(order).toList();
        int from = Math.min(paging.offset(), sorted.size());
        int to = Math.min(from + paging.limit(), sorted.size());
        return new ApiPage<>(sorted.subList(from, to), paging.offset() / paging.limit(), paging.limit(), sorted.size(),
                sortName(paging));
    }

    static String sortName(Paging paging) {
        return paging.sortKey() == null ? null : (paging.ascending() ? "" : "-") + paging.sortKey();
    }
}
