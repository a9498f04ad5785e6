package org.academy.architecture;

import java.time.Clock;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package-by-feature rules of docs/architecture.md, enforced. */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.academy");

    @Test
    void views_never_touch_entities_or_repositories() {
        ArchRule rule = noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..");
        rule.check(APP);
    }

    @Test
    void views_of_one_feature_do_not_reach_into_the_views_of_another() {
        slices().matching("org.academy.(*).ui..").should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("..ui.."),
                        JavaClass.Predicates.resideInAPackage("org.academy.base.ui"))
                .check(APP);
    }

    @Test
    void feature_packages_have_no_cycles() {
        slices().matching("org.academy.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void entities_and_repositories_are_internal_to_their_feature() {
        classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(APP);
        classes().that().areAssignableTo(Repository.class).should().notBePublic().check(APP);
    }

    @Test
    void entities_are_used_only_inside_their_own_package() {
        for (var entity : APP.stream().filter(c -> c.isAnnotatedWith(Entity.class)).toList()) {
            noClasses().that().resideOutsideOfPackage(entity.getPackageName())
                    .should().dependOnClassesThat().belongToAnyOf(entity.reflect())
                    .because("features share records, not entities")
                    .check(APP);
        }
    }

    @Test
    void views_are_package_private_and_services_are_not_in_ui_packages() {
        classes().that().resideInAPackage("..ui..").and().areAnnotatedWith(com.vaadin.flow.router.Route.class)
                .and().doNotHaveSimpleName("LoginView")
                .should().notBePublic()
                .check(APP);
        noClasses().that().resideInAPackage("..ui..").should().beAnnotatedWith(Service.class).check(APP);
    }

    @Test
    void base_knows_no_feature() {
        classes().that().resideInAPackage("org.academy.base..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage("org.academy..")
                        .or(JavaClass.Predicates.resideInAnyPackage("org.academy.base..", "org.academy.security..")))
                .check(APP);
    }

    @Test
    void no_code_uses_vaadins_per_user_licensed_collaboration_kit() {
        // It arrives with vaadin-core; using it would need a licence beyond its free tier.
        noClasses().should().dependOnClassesThat().resideInAPackage("com.vaadin.collaborationengine..").check(APP);
    }

    @Test
    void nothing_schedules_or_runs_async_work_on_views() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.scheduling.annotation.Async")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.scheduling.annotation.Scheduled")
                .check(APP);
    }

    @Test
    void every_public_service_method_declares_who_may_call_it() {
        // Push callbacks and crafted requests never pass a view's annotations: the service is the
        // last line, so a method without a rule must not build (docs/security.md).
        methods().that().arePublic().and().areNotStatic().and().areDeclaredInClassesThat().areAnnotatedWith(Service.class)
                .should().beMetaAnnotatedWith(PreAuthorize.class)
                .because("every service method states who may call it (AdminOnly, SignedIn, … in org.academy.security)")
                .check(APP);
    }

    /** The one place that may read the system clock: the definition of the Clock bean. */
    static final String CLOCK_BEAN_DEFINITION = "org.academy.base.ClockConfiguration";

    /**
     * {@code now()} of any java.time type without a Clock argument (also {@code now(ZoneId)}),
     * {@code Clock.system…()}, {@code System.currentTimeMillis()} and {@code new Date()}; called or
     * passed as a method reference. {@code System.nanoTime()} stays allowed: it measures durations.
     */
    static final DescribedPredicate<JavaAccess<?>> READS_THE_SYSTEM_CLOCK = new DescribedPredicate<>(
            "read the system clock instead of the Clock bean") {
        @Override
        public boolean test(JavaAccess<?> access) {
            if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
                return false;
            }
            String owner = target.getOwner().getName();
            String name = target.getName();
            if (owner.startsWith("java.time.") && name.equals("now")) {
                return target.getRawParameterTypes().stream().noneMatch(type -> type.isEquivalentTo(Clock.class));
            }
            if (owner.equals(Clock.class.getName())) {
                return name.startsWith("system");
            }
            if (owner.equals(java.util.Date.class.getName())) {
                return name.equals("<init>") && target.getRawParameterTypes().isEmpty();
            }
            return owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
        }
    };

    @Test
    void time_comes_from_the_clock_bean() {
        noClasses().that().resideInAPackage("org.academy..").and().doNotHaveFullyQualifiedName(CLOCK_BEAN_DEFINITION)
                .should().accessTargetWhere(READS_THE_SYSTEM_CLOCK)
                .because("tests pin time through the Clock bean instead of sleeping; inject it and use clock.instant(), "
                        + "LocalDate.now(clock), …")
                .check(APP);
    }
}
