package org.academy.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The description springdoc serves at /api/openapi (Swagger UI at /api/docs). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "token";

    @Bean
    OpenAPI academyOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Academy integration API").version("1")
                        .description("Read-only JSON read models and server-sent event streams. Authenticate with a "
                                + "personal access token (profile → API tokens): Authorization: Bearer acad_… "
                                + "Streams: GET /api/streams/cohorts/{id}/progress, /api/streams/me/notifications, "
                                + "/api/streams/sessions/{id} (text/event-stream; resume with Last-Event-ID)."))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
