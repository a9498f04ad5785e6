package org.academy.base;

/**
 * An entry (or, with no key, everything) of a cache of content was evicted after a committed
 * change: every node drops it from its own copy of the cache.
 *
 * @param key the entry's key, or null for the whole cache
 */
public record CacheEvicted(String cache, Long key) {
}
