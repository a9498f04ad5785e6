package org.academy.base.ui;

import org.academy.base.Paging;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;

/**
 * Lazy grids ask their services for one page at a time. This turns the grid's query (offset,
 * limit, the sort property of the clicked column) into the services' {@link Paging}; the service
 * whitelists the property, so a column's sort property is only a hint.
 */
public final class LazyGrids {

    private LazyGrids() {
    }

    public static Paging paging(Query<?, ?> query) {
        QuerySortOrder order = query.getSortOrders().isEmpty() ? null : query.getSortOrders().getFirst();
        return new Paging(query.getOffset(), query.getLimit(), order == null ? null : order.getSorted(),
                order == null || order.getDirection() == SortDirection.ASCENDING);
    }
}
