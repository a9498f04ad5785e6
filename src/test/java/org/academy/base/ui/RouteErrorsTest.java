package org.academy.base.ui;

import org.academy.testing.BrowserlessUiTest;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouteParameters;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Odd URLs end on the app's not-found page, never on "Something went wrong". */
class RouteErrorsTest extends BrowserlessUiTest {

    @Test
    void a_course_id_that_is_not_a_number_is_not_found_rather_than_a_server_error() {
        HasElement view = open(fixtures.world().admin(), "admin/courses/abc");

        assertThat(view).isInstanceOf(MessageErrorView.class).isNotInstanceOf(ErrorViews.ServerError.class);
        assertThat(find(Paragraph.class).withClassName("error-message").single().getText())
                .isEqualTo("This course does not exist.");
    }

    @Test
    void a_course_id_too_large_for_a_long_is_not_found_rather_than_a_server_error() {
        HasElement view = open(fixtures.world().admin(), "admin/courses/99999999999999999999999");

        assertThat(view).isInstanceOf(MessageErrorView.class).isNotInstanceOf(ErrorViews.ServerError.class);
    }

    @Test
    void route_parameters_are_read_as_numbers_only_through_route_ids() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.academy");
        // RouteParameters.getLong/getInteger throw NumberFormatException on "abc": a 500 page.
        noClasses().that().doNotHaveSimpleName("RouteIds")
                .should().callMethod(RouteParameters.class, "getLong", String.class)
                .orShould().callMethod(RouteParameters.class, "getInteger", String.class)
                .because("RouteIds turns anything but a number into \"not found\"")
                .check(app);
    }

    @Test
    void an_exception_raised_by_the_framework_alone_counts_as_refused_input_and_one_from_our_code_does_not() {
        IllegalArgumentException framework = new IllegalArgumentException("Unsupported event type: x\ny");
        framework.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.vaadin.flow.server.communication.ServerRpcHandler", "handleInvocationData", null, 1),
                new StackTraceElement("com.vaadin.flow.server.VaadinService", "handleRequest", null, 2),
                new StackTraceElement("org.academy.security.OriginCheckFilter", "doFilterInternal", null, 3)});
        IllegalStateException ours = new IllegalStateException("a bug of ours");

        assertThat(VaadinServiceSetup.isRefusedClientInput(framework)).isTrue();
        assertThat(VaadinServiceSetup.isRefusedClientInput(ours)).isFalse();
        assertThat(VaadinServiceSetup.isRefusedClientInput(new RuntimeException("wrapped", ours))).isFalse();
        assertThat(VaadinServiceSetup.describe(framework)).doesNotContain("\n")
                .startsWith("java.lang.IllegalArgumentException: Unsupported event type: x y at ");
    }
}
