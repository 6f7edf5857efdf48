package dev.sukha.routine.api;

import dev.sukha.stack.Topics;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RoutineApiTest {

    private static KafkaCompanion kafka;

    @BeforeAll
    static void kafka() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static String user() {
        return SharedStack.token("ana");
    }

    private static String editor() {
        return SharedStack.token("eddie", "editor");
    }

    @Test
    void theShippedSeedRoutineIsListedWithComputedMinutes() {
        given().auth().oauth2(user())
                .when().get("/v1/routines")
                .then().statusCode(200)
                .body("id", hasItem("upper-back-release"))
                .body("find { it.id == 'upper-back-release' }.version", greaterThan(0))
                .body("find { it.id == 'upper-back-release' }.minutes", greaterThan(0));
        given().auth().oauth2(user())
                .when().get("/v1/routines/upper-back-release")
                .then().statusCode(200)
                .body("steps", hasSize(9))
                .body("steps[0].pose", equalTo("seated-spine-waves"));
    }

    @Test
    void theWholeCatalogueIsPublishedWithMinutesFromTheHolds() {
        given().auth().oauth2(user()).when().get("/v1/routines").then().statusCode(200)
                .body("id", hasItems("upper-back-release", "upper-back-quick", "upper-back-long", "neck-and-jaw",
                        "desk-posture-reset", "in-bed-unwind", "chair-only", "open-the-front", "happy-feet",
                        "tailbone-and-hips", "knee-friendly-back-care", "core-with-back-support"))
                .body("find { it.id == 'upper-back-long' }.minutes", equalTo(31))
                .body("find { it.id == 'upper-back-quick' }.minutes", equalTo(6));
        given().auth().oauth2(user()).queryParam("space", "bed").when().get("/v1/routines").then()
                .body("id", hasItem("in-bed-unwind"));
        given().auth().oauth2(user()).queryParam("focus", "jaw").queryParam("maxMinutes", 10).when().get("/v1/routines")
                .then().body("id", hasItem("neck-and-jaw"));
    }

    @Test
    void filtersCombine() {
        given().auth().oauth2(user()).queryParam("focus", "upper_back").queryParam("space", "mat")
                .queryParam("maxMinutes", 60).queryParam("level", "gentle")
                .when().get("/v1/routines")
                .then().statusCode(200)
                .body("id", hasItem("upper-back-release"))
                .body("minutes", everyItem(lessThanOrEqualTo(60)));
        given().auth().oauth2(user()).queryParam("space", "bed")
                .when().get("/v1/routines")
                .then().statusCode(200).body("id", not(hasItem("upper-back-release")));
    }

    @Test
    void unknownFilterValuesAre400ProblemsNamingEachParameter() {
        given().auth().oauth2(user()).queryParam("focus", "elbow").queryParam("maxMinutes", "ten")
                .when().get("/v1/routines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("focus", "maxMinutes"));
    }

    @Test
    void withoutATokenEverythingIs401ProblemJson() {
        given().when().get("/v1/routines")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("title", equalTo("Unauthorized"));
        given().auth().oauth2("not.a.jwt").when().get("/v1/poses")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void usersCannotEditOrPublish() {
        given().auth().oauth2(user()).contentType(ContentType.JSON).body(Map.of("id", "x"))
                .when().post("/v1/routines")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(user())
                .when().post("/v1/routines/upper-back-release/publish")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anInvalidDraftIs422WithEveryError() {
        String body = """
                {"id":"bad","title":"Bad","summary":"s","focus":["elbow"],"level":"gentle","space":["mat"],
                 "steps":[{"pose":"nope","side":"none","hold":{"breaths":3}},
                          {"pose":"thread-the-needle","side":"none","hold":{"seconds":1}}]}""";
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/routines")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("focus[0]", "steps[0].pose", "steps[1].side", "steps[1].hold.seconds"));
    }

    @Test
    void publishingFreezesANewVersionAndAnnouncesItOnTheTopic() {
        String id = "publish-test-" + System.nanoTime();
        String draft = """
                {"id":"%s","title":"Quick shoulders","summary":"Two poses.","focus":["shoulders"],"level":"gentle",
                 "space":["mat"],"steps":[{"pose":"thread-the-needle","side":"left","hold":{"breaths":5},
                   "options":[{"label":"Cushion under the shoulder","cue":"Let the cushion hold you.","intensity":"gentler"}]},
                 {"pose":"thread-the-needle","side":"right","hold":{"breaths":5}}]}""".formatted(id);
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body(draft)
                .when().post("/v1/routines").then().statusCode(201);
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body(draft)
                .when().post("/v1/routines").then().statusCode(200);

        ConsumerTask<String, String> records = kafka.consumeStrings()
                .fromTopics(Topics.ROUTINES, stream -> stream.select()
                        .where(r -> r.key().equals(id) && new JsonObject(r.value()).getInteger("version") == 2));

        given().auth().oauth2(editor()).when().post("/v1/routines/" + id + "/publish")
                .then().statusCode(201).body("version", equalTo(1)).body("minutes", equalTo(2));
        // Unchanged draft: nothing to publish.
        given().auth().oauth2(editor()).when().post("/v1/routines/" + id + "/publish")
                .then().statusCode(409).contentType("application/problem+json");

        String changed = draft.replace("\"breaths\":5}}]", "\"breaths\":8}}]");
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body(changed)
                .when().post("/v1/routines").then().statusCode(200);
        given().auth().oauth2(editor()).when().post("/v1/routines/" + id + "/publish")
                .then().statusCode(201).body("version", equalTo(2));

        // Version 1 never changes; the latest is 2.
        given().auth().oauth2(user()).when().get("/v1/routines/" + id + "/versions/1")
                .then().statusCode(200).body("steps[1].hold.breaths", equalTo(5));
        given().auth().oauth2(user()).when().get("/v1/routines/" + id)
                .then().statusCode(200).body("version", equalTo(2)).body("steps[1].hold.breaths", equalTo(8));

        records.awaitRecords(1, Duration.ofSeconds(20));
        Contracts.assertValid(records.getFirstRecord().value());
        JsonObject value = new JsonObject(records.getFirstRecord().value());
        assertThat(value.getInteger("schemaVersion")).isEqualTo(1);
        assertThat(value.getJsonArray("steps")).hasSize(2);
        assertThat(value.getJsonArray("versions").stream().map(v -> ((JsonObject) v).getInteger("version")))
                .containsExactly(1, 2);
        // Every version in short, step by step: what a practice event of each step is about.
        JsonObject v1 = value.getJsonArray("versions").getJsonObject(0);
        assertThat(v1.getJsonArray("steps").getJsonObject(0).getMap()).containsEntry("pose", "thread-the-needle")
                .containsEntry("side", "left").containsEntry("gentler", "Cushion under the shoulder");
        // A step without a gentler option of its own offers its pose's.
        assertThat(v1.getJsonArray("steps").getJsonObject(1).getMap()).containsEntry("side", "right")
                .containsEntry("gentler", "Stay on the forearm");
        // The library's name and areas of each pose used.
        assertThat(value.getJsonArray("poses")).hasSize(1);
        assertThat(value.getJsonArray("poses").getJsonObject(0).getString("id")).isEqualTo("thread-the-needle");
        assertThat(value.getJsonArray("poses").getJsonObject(0).getJsonArray("areas")).isNotEmpty();
    }

    @jakarta.inject.Inject
    dev.sukha.routine.store.RoutineStore store;

    @jakarta.inject.Inject
    dev.sukha.routine.usecase.Catalogue catalogue;

    @jakarta.inject.Inject
    com.mongodb.client.MongoClient mongo;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void aRoutineAnnouncedInAnOlderShapeOfTheRecordIsAnnouncedAgainInTheCurrentOne() {
        // As an installation upgraded from before versions' steps and poses were on the record:
        // the shipped routine's newest version was announced, in no counted shape.
        var versions = mongo.getDatabase(database).getCollection("routine_versions");
        String id = "upper-back-release";
        int latest = given().auth().oauth2(user()).get("/v1/routines/" + id).then().extract().path("version");
        versions.updateOne(com.mongodb.client.model.Filters.eq("_id", id + "@" + latest),
                com.mongodb.client.model.Updates.unset("recordShape"));
        long before = System.currentTimeMillis() - 1;
        ConsumerTask<String, String> records = kafka.consumeStrings().fromTopics(Topics.ROUTINES,
                stream -> stream.select().where(r -> r.key().equals(id) && r.timestamp() >= before));

        assertThat(store.reannounceOlderShapes(dev.sukha.routine.messaging.RoutineRecord.SHAPE)).contains(id);
        catalogue.announcePending(id);

        records.awaitRecords(1, Duration.ofSeconds(20));
        JsonObject value = new JsonObject(records.getFirstRecord().value());
        assertThat(value.getInteger("version")).isEqualTo(latest);
        assertThat(value.getJsonArray("poses").stream().map(p -> ((JsonObject) p).getString("id"))).contains("thread-the-needle");
        assertThat(value.getJsonArray("versions").getJsonObject(0).getJsonArray("steps")).isNotEmpty();
        records.stop();
        // Announced in the current shape now: nothing more to do at the next start.
        assertThat(store.reannounceOlderShapes(dev.sukha.routine.messaging.RoutineRecord.SHAPE)).doesNotContain(id);
    }

    @Test
    void unknownRoutinesAndVersionsAre404() {
        given().auth().oauth2(user()).when().get("/v1/routines/no-such-routine")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(user()).when().get("/v1/routines/upper-back-release/versions/999")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(user()).when().get("/v1/routines/upper-back-release/versions/one")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void poseLibraryIsServed() {
        given().auth().oauth2(user()).when().get("/v1/poses")
                .then().statusCode(200).body("id", hasItem("thread-the-needle"));
        given().auth().oauth2(user()).when().get("/v1/poses/thread-the-needle")
                .then().statusCode(200).body("sided", equalTo(true)).body("cautions.size()", greaterThan(0));
    }
}
