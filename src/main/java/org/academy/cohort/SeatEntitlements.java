package org.academy.cohort;

/**
 * Whether an organisation has paid for a person's place in a cohort: a live seat of one of its
 * pools, valid today, for that cohort or for the cohort's course. The seats feature implements it;
 * an org admin places people in cohorts only through such a seat.
 */
public interface SeatEntitlements {

    boolean entitles(long organisationId, long userId, long cohortId);
}
