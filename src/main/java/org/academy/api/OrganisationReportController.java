package org.academy.api;

import java.util.List;

import org.academy.apitoken.ApiTokenAuthentication;
import org.academy.base.Paging;
import org.academy.orgreport.CohortReport;
import org.academy.orgreport.LearnerReport;
import org.academy.orgreport.OrganisationReportService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An organisation's report, for its org admins' tokens (personal or organisation) and administrators'. */
@RestController
@RequestMapping(path = "/api/organisations/{organisationId}/report", produces = "application/json")
@Tag(name = "Organisation report")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class OrganisationReportController {

    private static final List<String> LEARNER_SORT = List.of("name", "email", "cohort", "progress", "attendance", "lastActivity");

    private final OrganisationReportService reports;

    OrganisationReportController(OrganisationReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/cohorts")
    @Operation(summary = "The organisation's cohorts with attendance and completion")
    List<CohortReport> cohorts(@PathVariable long organisationId) {
        requireTokenOrganisation(organisationId);
        return reports.cohorts(organisationId);
    }

    @GetMapping("/learners")
    @Operation(summary = "One page of the organisation's learners per cohort",
            description = "cohort: one cohort's id; q: part of a name or email; sort: " + "name, email, cohort, progress, "
                    + "attendance, lastActivity (prefix - for descending)")
    ApiPage<LearnerReport> learners(@PathVariable long organisationId, @RequestParam(required = false) Long cohort,
                                    @RequestParam(required = false, defaultValue = "") String q,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "" + ApiPage.DEFAULT_SIZE) int size,
                                    @RequestParam(required = false) String sort) {
        requireTokenOrganisation(organisationId);
        Paging paging = ApiPage.paging(page, size, sort, LEARNER_SORT);
        List<LearnerReport> items = reports.learners(organisationId, cohort, q, paging);
        int total = reports.countLearners(organisationId, cohort, q);
        return new ApiPage<>(items, page, paging.limit(), total, ApiPage.sortName(paging));
    }

    /** An organisation token reads its own organisation only, whatever its owner could read otherwise. */
    private static void requireTokenOrganisation(long organisationId) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication token
                && token.organisationId() != null && token.organisationId() != organisationId) {
            throw new AccessDeniedException("Another organisation");
        }
    }
}
