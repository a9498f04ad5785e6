package org.academy.base.cluster;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.academy.base.push.Topic;
import org.academy.poll.PollChanged;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecTest {

    final EventCodec codec = new EventCodec(getClass().getClassLoader());

    /** Every event type that flows through any topic of the application, found by reflection. */
    static Set<Class<?>> eventTypes() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (JavaClass javaClass : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.academy")) {
            Class<?> c = javaClass.reflect();
            List<Type> topicTypes = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == Topic.class) {
                    topicTypes.add(m.getGenericReturnType());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Topic.class) {
                    topicTypes.add(f.getGenericType());
                }
            }
            for (Type t : topicTypes) {
                if (!(t instanceof ParameterizedType p) || !(p.getActualTypeArguments()[0] instanceof Class<?> event)) {
                    continue; // Topic's own generic factories
                }
                if (event.isSealed()) {
                    types.addAll(List.of(event.getPermittedSubclasses()));
                } else {
                    types.add(event);
                }
            }
        }
        return types;
    }

    @Test
    void every_event_of_every_topic_is_an_application_record_that_crosses_nodes_unchanged() throws Exception {
        Set<Class<?>> types = eventTypes();
        System.out.println("EventCodecTest: event types on topics: " + types.stream().map(Class::getSimpleName).toList());
        assertThat(types).hasSizeGreaterThanOrEqualTo(10);
        for (Class<?> type : types) {
            assertThat(EventCodec.allowed(type)).as(type.getName()).isTrue();
            Object sample = sample(type);
            String wire = codec.encode("a", null, List.of(new EventCodec.WireEvent("t:1", sample)));
            EventCodec.Batch back = codec.decode(wire);
            assertThat(back.events()).as(type.getName()).singleElement()
                    .satisfies(e -> assertThat(e.event()).isEqualTo(sample));
        }
    }

    @Test
    void a_message_naming_a_class_outside_the_application_or_not_a_record_is_refused_without_loading_it() {
        String foreign = """
                {"node":"x","events":[
                  {"topic":"t:1","type":"java.util.ArrayList","event":{}},
                  {"topic":"t:1","type":"org.academy.base.cluster.ClusterTopicHub","event":{}},
                  {"topic":"t:1","type":"org.academy.poll.PollChanged","event":{"sessionId":1,"pollId":2,"vote":true}}]}
                """;
        EventCodec.Batch batch = codec.decode(foreign);
        assertThat(batch.events()).extracting(EventCodec.WireEvent::event).containsExactly(new PollChanged(1, 2, true));
        assertThat(batch.refused()).hasSize(2);
    }

    @Test
    void a_numbered_batch_carries_its_mark_across_and_a_message_without_one_still_decodes() {
        List<EventCodec.WireEvent> events = List.of(new EventCodec.WireEvent("t:1", new PollChanged(1, 2, true)));
        EventCodec.Mark mark = new EventCodec.Mark(1_764_590_000_000L, 42, EventCodec.Kind.BATCH);
        assertThat(codec.decode(codec.encode("a", mark, events)).mark()).isEqualTo(mark);

        EventCodec.Batch old = codec.decode("""
                {"node":"old","events":[{"topic":"t:1","type":"org.academy.poll.PollChanged","event":{"sessionId":1,"pollId":2,"vote":true}}]}
                """);
        assertThat(old.mark()).isNull();
        assertThat(old.events()).hasSize(1);
    }

    @Test
    void a_beat_is_to_a_node_that_knows_no_numbers_a_batch_without_events() {
        String beat = codec.encode("a", new EventCodec.Mark(7, 3, EventCodec.Kind.BEAT), List.of());
        var root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(beat);
        // What version 1 required of a message: a node name and an array of events.
        assertThat(root.get("node").asString()).isEqualTo("a");
        assertThat(root.get("events").isArray()).isTrue();
        assertThat(root.get("events").isEmpty()).isTrue();
        assertThat(root.get("v").asInt()).isEqualTo(EventCodec.VERSION);
        assertThat(codec.decode(beat).mark()).isEqualTo(new EventCodec.Mark(7, 3, EventCodec.Kind.BEAT));
    }

    @Test
    void a_mark_this_node_cannot_read_leaves_the_message_delivered_but_unnumbered() {
        EventCodec.Batch odd = codec.decode("""
                {"node":"x","v":3,"inc":1,"seq":"five","kind":"batch","events":[]}
                """);
        assertThat(odd.mark()).isNull();
        assertThat(codec.decode("""
                {"node":"x","v":3,"inc":1,"seq":5,"kind":"rumour","events":[]}
                """).mark()).isNull();
    }

    static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            values[i] = t == long.class || t == Long.class ? (Object) (41L + i)
                    : t == int.class || t == Integer.class ? (Object) (7 + i)
                    : t == boolean.class || t == Boolean.class ? (Object) true
                    : t == String.class ? "text " + i
                    : t == Instant.class ? Instant.parse("2026-12-01T13:00:00.123456Z")
                    : t.isEnum() ? t.getEnumConstants()[t.getEnumConstants().length - 1]
                    : null;
        }
        var constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }
}
