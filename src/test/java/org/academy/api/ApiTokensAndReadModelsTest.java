package org.academy.api;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.academy.apitoken.ApiTokenService;
import org.academy.apitoken.ApiTokenSummary;
import org.academy.apitoken.CreatedToken;
import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens are created, shown once, stored as hashes and revoked; the REST read models answer as their owner may see. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class ApiTokensAndReadModelsTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ProgressService progress;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    World w;
    ApiHttp http;

    @BeforeEach
    void setUp() {
        w = fixtures.world();
        http = new ApiHttp(port);
    }

    @Test
    void a_token_is_shown_once_and_only_its_sha256_hash_is_stored() {
        CreatedToken created = Actors.as(w.instructorA(), () -> tokens.create("  BI dashboard "));

        assertThat(created.secret()).matches("acad_[A-Za-z0-9_-]{43}");
        assertThat(created.token().name()).isEqualTo("BI dashboard");
        Map<String, Object> row = jdbc.sql("select * from api_token where id = ?").param(created.token().id()).query().singleRow();
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(created.secret().substring(5)));
        assertThat(row.get("token_hash").toString()).isEqualTo(sha256(created.secret()));
        assertThat(created.toString()).doesNotContain(created.secret());
        List<ApiTokenSummary> mine = Actors.as(w.instructorA(), tokens::mine);
        assertThat(mine).extracting(ApiTokenSummary::prefix).containsExactly(created.secret().substring(0, 9));
        assertThat(Actors.as(w.instructorB(), tokens::mine)).isEmpty();
    }

    @Test
    void a_token_reads_its_owners_cohort_progress_and_records_when_it_was_used() throws Exception {
        String token = Actors.as(w.instructorA(), () -> tokens.create("dashboard")).secret();
        Actors.as(w.studentA(), () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().getFirst().id()));

        HttpResponse<String> response = http.get("/api/cohorts/" + w.cohortA().id() + "/progress?sort=-percent&size=2", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("cohort").path("id").asLong()).isEqualTo(w.cohortA().id());
        assertThat(body.path("learners").path("total").asInt()).isEqualTo(3);
        assertThat(body.path("learners").path("items")).hasSize(2);
        assertThat(body.path("learners").path("items").get(0).path("userId").asLong()).isEqualTo(w.studentA().id());
        assertThat(Actors.as(w.instructorA(), tokens::mine).getFirst().lastUsedAt()).isNotNull();

        HttpResponse<String> cohorts = http.get("/api/cohorts", token);
        assertThat(cohorts.statusCode()).isEqualTo(200);
        assertThat(json.readTree(cohorts.body()).path("items")).extracting(n -> n.path("id").asLong())
                .containsExactly(w.cohortA().id());
    }

    @Test
    void a_token_of_another_cohorts_instructor_gets_403_and_learns_nothing() throws Exception {
        String tokenB = Actors.as(w.instructorB(), () -> tokens.create("other")).secret();
        long sessionA = sessions.liveSessionOfA(w).id();

        for (String path : List.of("/api/cohorts/" + w.cohortA().id() + "/progress", "/api/cohorts/" + w.cohortA().id() + "/sessions",
                "/api/sessions/" + sessionA, "/api/cohorts/999999999/progress", "/api/streams/cohorts/" + w.cohortA().id() + "/progress",
                "/api/streams/sessions/" + sessionA)) {
            HttpResponse<String> response = http.get(path, tokenB);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(json.readTree(response.body()).path("error").asString()).as(path).isEqualTo("forbidden");
            assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("at org.");
        }
        // A learner of the cohort is a member, but the progress of others is for staff.
        String learner = Actors.as(w.studentA(), () -> tokens.create("mine")).secret();
        assertThat(http.get("/api/cohorts/" + w.cohortA().id() + "/progress", learner).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/sessions/" + sessionA, learner).statusCode()).isEqualTo(200);
    }

    @Test
    void a_missing_garbled_unknown_or_revoked_token_gets_401_in_json() throws Exception {
        CreatedToken created = Actors.as(w.instructorA(), () -> tokens.create("soon revoked"));
        String path = "/api/cohorts/" + w.cohortA().id() + "/progress";
        assertThat(http.get(path, created.secret()).statusCode()).isEqualTo(200);

        Actors.as(w.instructorA(), () -> tokens.revoke(created.token().id()));

        String unknown = "acad_" + "A".repeat(43);
        for (String token : new String[] {null, "garbled", "acad_%%%", unknown, created.secret(), created.secret() + "x"}) {
            HttpResponse<String> response = http.get(path, token);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        }
        HttpResponse<String> basic = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).header("Authorization", "Basic YTpi").build());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(Actors.as(w.instructorA(), tokens::mine).getFirst().revoked()).isTrue();
    }

    @Test
    void a_token_of_a_deactivated_person_stops_working() {
        String token = Actors.as(w.instructorA(), () -> tokens.create("leaver")).secret();
        jdbc.sql("update app_user set active = false where id = ?").param(w.instructorA().id()).update();

        assertThat(http.get("/api/cohorts", token).statusCode()).isEqualTo(401);
    }

    @Test
    void writes_are_refused_tokens_read_only() {
        String token = Actors.as(w.admin(), () -> tokens.create("admin")).secret();

        HttpResponse<String> response = http.post("/api/cohorts", token, "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"forbidden\"");
    }

    @Test
    void an_organisation_token_reads_its_organisations_report_and_nothing_else() throws Exception {
        CreatedToken org = Actors.as(w.orgAdminA(), () -> tokens.createForOrganisation("LMS sync"));
        assertThat(org.token().organisationId()).isEqualTo(w.orgA().id());
        String token = org.secret();

        HttpResponse<String> learners = http.get("/api/organisations/" + w.orgA().id() + "/report/learners?sort=-name&size=2", token);
        assertThat(learners.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(learners.body());
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(http.get("/api/organisations/" + w.orgA().id() + "/report/cohorts", token).statusCode()).isEqualTo(200);

        assertThat(http.get("/api/organisations/" + w.orgB().id() + "/report/cohorts", token).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/cohorts", token).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/me/notifications", token).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/streams/me/notifications", token).statusCode()).isEqualTo(403);
        // Org admin B's personal token does not read organisation A either (the report service checks it).
        String personalB = Actors.as(w.orgAdminB(), () -> tokens.create("b")).secret();
        assertThat(http.get("/api/organisations/" + w.orgA().id() + "/report/cohorts", personalB).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/organisations/" + w.orgB().id() + "/report/cohorts", personalB).statusCode()).isEqualTo(200);
    }

    @Test
    void only_an_organisations_own_admin_creates_organisation_tokens() {
        assertThatThrownBy(() -> Actors.as(w.admin(), () -> tokens.createForOrganisation("x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Actors.as(w.instructorA(), () -> tokens.createForOrganisation("x")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_token_is_revoked_by_its_owner_only_and_needs_a_name() {
        CreatedToken created = Actors.as(w.instructorA(), () -> tokens.create("mine"));

        assertThatThrownBy(() -> Actors.as(w.instructorB(), () -> tokens.revoke(created.token().id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> Actors.as(w.instructorA(), () -> tokens.create("   ")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(Actors.as(w.instructorA(), tokens::mine)).singleElement().satisfies(t -> assertThat(t.revoked()).isFalse());
    }

    @Test
    void bad_paging_is_a_400_with_a_sentence() throws Exception {
        String token = Actors.as(w.instructorA(), () -> tokens.create("x")).secret();
        String base = "/api/cohorts/" + w.cohortA().id() + "/progress";

        for (String query : List.of("?sort=password", "?size=0", "?size=501", "?page=-1", "?page=abc")) {
            HttpResponse<String> response = http.get(base + query, token);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("message").asString()).as(query).isNotBlank();
        }
    }

    @Test
    void the_openapi_description_is_served_without_a_token() throws Exception {
        HttpResponse<String> response = http.get("/api/openapi", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(response.body());
        assertThat(doc.path("paths").propertyNames()).contains("/api/cohorts", "/api/cohorts/{cohortId}/progress",
                "/api/sessions/{sessionId}", "/api/organisations/{organisationId}/report/learners");
        assertThat(doc.path("components").path("securitySchemes").path("token").path("scheme").asString()).isEqualTo("bearer");
        HttpResponse<String> ui = http.get("/api/swagger-ui/index.html", null);
        System.out.println("API DOCS: /api/openapi " + response.body().length() + " bytes; Swagger UI status " + ui.statusCode());
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
