package org.academy.api;

/** One journalled stream event: its number in its stream, its type and its JSON payload (as stored, before per-viewer rules). */
record JournalEntry(String stream, long seq, String type, String payload) {
}
