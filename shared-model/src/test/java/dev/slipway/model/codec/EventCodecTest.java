package dev.slipway.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.EventCatalog;
import dev.slipway.model.EventType;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.CancelBuild;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.release.ReleaseMarker;
import dev.slipway.model.scm.ChangedPaths;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final UUID BUILD = UUID.fromString("7f0c2f9e-4a43-4b1e-9d55-5a0d1b7cbb11");
    private static final Instant AT = Instant.parse("2026-11-29T07:00:00.123Z");

    private final EventCodec codec = new EventCodec();

    static Stream<SlipwayEvent> oneOfEach() {
        Commit head = new Commit("a".repeat(40), "Add feature\n\nLonger text", "Ada");
        return Stream.of(
                new PushReceived("d-1", "github", "github:acme/app", "acme/app", "file:///tmp/app.git",
                        "refs/heads/main", "0".repeat(40), "a".repeat(40), head, List.of(head), "ada", true, false,
                        new ChangedPaths(List.of("src/App.java"), List.of("README.md"), List.of("old.txt"))),
                new TagCreated("d-2", "gitea", "gitea:acme/app", "acme/app", "file:///tmp/app.git", "v1.0.0",
                        "refs/tags/v1.0.0", "a".repeat(40), "ada"),
                new TagDeleted("d-3", "github", "github:acme/app", "acme/app", "file:///tmp/app.git", "v0.9.0",
                        "refs/tags/v0.9.0", null, "ada"),
                new ReleasePublished("d-4", "github", "github:acme/app", "acme/app", "file:///tmp/app.git", "published",
                        "v1.0.0", "Version 1.0.0", "Notes\n\n<!-- slipway build 7 -->", "main", true, "slipway-bot"),
                new PullRequestChanged("d-5", "gitlab", "gitlab:acme/app", "acme/app", "file:///tmp/app.git", "open", 12,
                        "Add feature", "feature", "b".repeat(40), "main", "https://gitlab.example/fork/app.git", false,
                        "ada"),
                new PingReceived("d-6", "github", "github:acme/app", "acme/app", "file:///tmp/app.git", 109948940,
                        "Anything added dilutes everything else.", List.of("push", "release"), "ada"),
                new BuildRequested(BUILD, "github:acme/app", "acme/app", 7, "file:///tmp/app.git", "a".repeat(40),
                        "refs/heads/main", "push", "d-1", new DecisionRecord(DecisionRecord.Verdict.RUN, "steps",
                                "runs: push to branch `main`: 1 of 2 steps match",
                                List.of(new DecisionRecord.StepDecision("test", true, ""),
                                        new DecisionRecord.StepDecision("deploy", false, "requires tag `v*`"))),
                        JsonMapper.shared().readTree("{\"build_number\":7,\"stages\":[]}")),
                new BuildSkipped("github:acme/app", "acme/app", "d-7", "push", "refs/heads/main", "c".repeat(40),
                        new DecisionRecord(DecisionRecord.Verdict.SKIP, "skip.messages",
                                "skipped: the head commit's message contains `[skip ci]`", List.of())),
                new BuildErrored("github:acme/app", "acme/app", "d-8", "tag", "refs/tags/v1.0.0", "d".repeat(40),
                        new DecisionRecord(DecisionRecord.Verdict.ERROR, "lint",
                                "errored: the pipeline has 1 error", List.of()),
                        List.of(new LintProblem(LintProblem.Severity.ERROR, "yaml.syntax", "a mapping was not closed",
                                ".slipway.yml", 3, 7, "close the mapping"))),
                new BuildStarted(BUILD, "github:acme/app", 7, "executor-1", AT),
                new StepStarted(BUILD, 0, "build", AT),
                new StepFinished(BUILD, 0, "build", StepOutcome.FAILED, 2, "exited with code 2", AT),
                new ImageBuilt(BUILD, "build", "sha256:" + "b".repeat(64), List.of("slipway/acme-app:7")),
                new ImagePushed(BUILD, "push", "sha256:" + "b".repeat(64), "127.0.0.1:5000/team/app",
                        List.of("3f2a9c1", "latest"), "sha256:" + "e".repeat(64)),
                new BuildFinished(BUILD, BuildStatus.SUCCEEDED, "", AT),
                new LogChunk(BUILD, "build", 3, List.of("Step 1/4 : FROM busybox", "")),
                new CancelBuild(BUILD, "github:acme/app", "superseded by build #8",
                        UUID.fromString("00000000-0000-4000-8000-000000000008")),
                new ReleaseIntended("github:acme/app", "v1.7", BUILD, 7, "a".repeat(40), ReleaseMarker.of(BUILD)));
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void everyEventSurvivesARoundTripThroughItsWireName(SlipwayEvent event) {
        // An event written by one service reads back equal in another, by its logical type and version.
        EventType<?> type = EventCatalog.typeOf(event);
        byte[] json = codec.encode(event);

        assertThat(codec.decode(type.name(), type.version(), json)).isEqualTo(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("dev.slipway");
    }

    @Test
    void theCatalogueNamesEveryEventOnceAndTheTestCoversAll() {
        // No two events share a wire name, and the round-trip above has one of each catalogued event.
        Set<String> names = EventCatalog.all().stream().map(t -> t.name() + "/" + t.version()).collect(Collectors.toSet());
        assertThat(names).hasSize(EventCatalog.all().size());
        assertThat(oneOfEach().map(e -> EventCatalog.typeOf(e).name()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream().map(EventType::name).toList());
    }

    @Test
    void aPushPublishedBeforeTheFlagsAndPathsExistedStillDecodesWithThemDerived() {
        // A push.received v1 written before created, deleted and changedPaths were added reads back, its flags derived
        // from the SHAs (a null before created the ref) and no changed paths.
        String json = """
                {"deliveryId":"d-old","provider":"github","repositoryId":"github:acme/app","repositoryName":"acme/app",
                 "cloneUrl":"file:///tmp/app.git","ref":"refs/tags/v1.0.0",
                 "before":"0000000000000000000000000000000000000000","after":"%s",
                 "headCommit":{"id":"%s","message":"Release","author":"Ada"},"commits":[],"sender":"ada"}""".formatted(
                "a".repeat(40), "a".repeat(40));

        PushReceived push = codec.decode(EventCatalog.PUSH_RECEIVED, json.getBytes(StandardCharsets.UTF_8));

        assertThat(push.tag()).isEqualTo("v1.0.0");
        assertThat(push.headCommit()).isEqualTo(new Commit("a".repeat(40), "Release", "Ada"));
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.changedPaths()).isEqualTo(ChangedPaths.NONE);
        assertThat(push).isEqualTo(new PushReceived("d-old", "github", "github:acme/app", "acme/app",
                "file:///tmp/app.git", "refs/tags/v1.0.0", "0".repeat(40), "a".repeat(40),
                new Commit("a".repeat(40), "Release", "Ada"), List.of(), "ada"));
    }

    @Test
    void aBuildRequestPublishedBeforeDecisionsAndPlansExistedStillDecodes() {
        // A build.requested v1 written before decision and plan were added reads back: its decision is the unrecorded
        // run, and it carries no plan.
        String json = """
                {"buildId":"%s","repositoryId":"github:acme/app","repositoryName":"acme/app","buildNumber":3,
                 "cloneUrl":"file:///tmp/app.git","commitSha":"%s","ref":"refs/heads/main","event":"push",
                 "deliveryId":"d-old"}""".formatted(BUILD, "a".repeat(40));

        BuildRequested request = codec.decode(EventCatalog.BUILD_REQUESTED, json.getBytes(StandardCharsets.UTF_8));

        assertThat(request.decision()).isEqualTo(DecisionRecord.unrecorded());
        assertThat(request.hasPlan()).isFalse();
        assertThat(request).isEqualTo(new BuildRequested(BUILD, "github:acme/app", "acme/app", 3,
                "file:///tmp/app.git", "a".repeat(40), "refs/heads/main", "push", "d-old"));
    }

    @Test
    void decisionsTravelWithTheirWireNamesAndRefuseAVerdictThatContradictsTheEvent() {
        // Verdicts and severities are lower-case words on the wire; a skip carrying a run decision is refused.
        BuildSkipped skipped = new BuildSkipped("github:acme/app", "acme/app", "d-9", "tag", "refs/tags/v2",
                "e".repeat(40), new DecisionRecord(DecisionRecord.Verdict.SKIP, "steps",
                "skipped: tag `v2`: no step matches", List.of(new DecisionRecord.StepDecision("test", false,
                        "requires branch `main`"))));
        String json = new String(codec.encode(skipped), StandardCharsets.UTF_8);
        assertThat(json).contains("\"verdict\":\"skip\"").contains("\"matched\":false");

        String run = json.replace("\"verdict\":\"skip\"", "\"verdict\":\"run\"");
        assertThatThrownBy(() -> codec.decode(EventCatalog.BUILD_SKIPPED, run.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("build.skipped v1: a skipped build's decision must be skip, was run");
        String noDecision = json.replaceAll(",\"decision\":\\{.*\\}\\}$", "}");
        assertThatThrownBy(() -> codec.decode(EventCatalog.BUILD_SKIPPED,
                noDecision.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("build.skipped v1: missing required field 'decision'");
        String problem = """
                {"repositoryId":"github:acme/app","repositoryName":"acme/app","deliveryId":"d","event":"push",
                 "ref":"refs/heads/main","commitSha":"%s",
                 "decision":{"verdict":"error","rule":"lint","reason":"errored: broken","steps":[]},
                 "problems":[{"severity":"fatal","code":"x","message":"m","file":".slipway.yml","line":1,"column":1}]}
                """.formatted("a".repeat(40));
        assertThatThrownBy(() -> codec.decode(EventCatalog.BUILD_ERRORED, problem.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown severity 'fatal'");
    }

    @Test
    void aPushsFlagsAsSentWinOverTheSHAsAndItsPathsAreKeptOnceInOrder() {
        // Explicit flags are kept even where the SHAs would say otherwise, and a path listed twice is listed once.
        String json = """
                {"deliveryId":"d-new","provider":"gitlab","repositoryId":"gitlab:acme/app","repositoryName":"acme/app",
                 "cloneUrl":"file:///tmp/app.git","ref":"refs/heads/main","before":"%s","after":"%s",
                 "created":false,"deleted":true,
                 "changedPaths":{"added":["b.txt","a.txt","b.txt"],"modified":null}}""".formatted(
                "0".repeat(40), "c".repeat(40));

        PushReceived push = codec.decode(EventCatalog.PUSH_RECEIVED, json.getBytes(StandardCharsets.UTF_8));

        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isTrue();
        assertThat(push.changedPaths().added()).containsExactly("b.txt", "a.txt");
        assertThat(push.changedPaths().modified()).isEmpty();
        assertThat(push.changedPaths().removed()).isEmpty();
        assertThat(push.commits()).isEmpty();
        assertThat(new String(codec.encode(push), StandardCharsets.UTF_8))
                .contains("\"created\":false", "\"deleted\":true", "\"removed\":[]");
    }

    @Test
    void theForgesReleaseIsNamedApartFromTheReleasesServicesOwnAnnouncement() {
        // The forge's ReleasePublished travels as scm.release.published, so that release.published stays free for the
        // event the releases service will publish on slipway.releases, and each event-type names one record.
        assertThat(EventCatalog.SCM_RELEASE_PUBLISHED.name()).isEqualTo("scm.release.published");
        assertThat(EventCatalog.SCM_RELEASE_PUBLISHED.topic()).isEqualTo("slipway.scm.events");
        assertThat(EventCatalog.all()).extracting(EventType::name).doesNotContain("release.published")
                .contains("tag.created", "tag.deleted", "ping.received");
    }

    @Test
    void aTagWhoseRefIsNotItsFullRefIsAnErrorThatSaysWhatTheRefMustBe() {
        // A tag event names the tag twice, by name and by full ref; a ref of a branch, or of another tag, is refused.
        byte[] json = scmEvent("\"tag\":\"v1.0.0\",\"ref\":\"refs/heads/v1.0.0\"");

        assertThatThrownBy(() -> codec.decode("tag.created", 1, json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("tag.created v1: ref must be refs/tags/v1.0.0, the tag's full ref, was refs/heads/v1.0.0");
    }

    @Test
    void aPingWithoutItsHookIdIsAnErrorNamingTheField() {
        // A ping's hook id is a number that must be there, never a silent 0.
        byte[] json = scmEvent("\"zen\":\"Keep it logically awesome.\"");

        assertThatThrownBy(() -> codec.decode("ping.received", 1, json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("ping.received v1: field 'hookId' is missing or invalid");
    }

    @Test
    void aReleaseWithoutItsTagOrAPullRequestWithoutItsHeadIsAnErrorNamingTheField() {
        // The SCM events refuse to decode without the fields consumers rely on, and say which one is missing.
        byte[] release = scmEvent("\"action\":\"published\",\"prerelease\":false");
        byte[] pullRequest = scmEvent("""
                "action":"opened","number":3,"headBranch":"feature","baseBranch":"main","merged":false""");

        assertThatThrownBy(() -> codec.decode("scm.release.published", 1, release))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("scm.release.published v1: missing required field 'tag'");
        assertThatThrownBy(() -> codec.decode("pull_request.changed", 1, pullRequest))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("pull_request.changed v1: missing required field 'headSha'");
    }

    @Test
    void unknownFieldsFromANewerProducerAreTolerated() {
        // A field this version does not know is ignored rather than failing the consumer.
        String json = """
                {"buildId":"%s","status":"failed","reason":"step test failed","finishedAt":"2026-11-29T07:00:00Z",
                 "addedLater":{"nested":[1,2,3]}}""".formatted(BUILD);

        BuildFinished event = codec.decode(EventCatalog.BUILD_FINISHED, json.getBytes(StandardCharsets.UTF_8));

        assertThat(event.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(event.reason()).isEqualTo("step test failed");
    }

    @Test
    void aMissingRequiredFieldIsAnErrorThatNamesTheFieldAndTheEvent() {
        // A payload without buildId must not become an event with a null id.
        String json = """
                {"status":"failed","finishedAt":"2026-11-29T07:00:00Z"}""";

        assertThatThrownBy(() -> codec.decode("build.finished", 1, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("build.finished v1: missing required field 'buildId'");
    }

    @Test
    void aMissingNumberIsAnErrorThatNamesTheFieldRatherThanAZero() {
        // A sequence number that silently became 0 would reorder a build's logs.
        String json = """
                {"buildId":"%s","step":"build","lines":[]}""".formatted(BUILD);

        assertThatThrownBy(() -> codec.decode("log.chunk", 1, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("log.chunk v1: field 'sequence' is missing or invalid");
    }

    @Test
    void malformedJsonIsAnErrorThatSaysSo() {
        // Bytes that are not JSON give a decoding error, not a Jackson exception.
        assertThatThrownBy(() -> codec.decode("log.chunk", 1, "{\"buildId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("log.chunk v1: not a valid payload");
    }

    @Test
    void anUnknownEventTypeOrVersionIsAnError() {
        // Consumers dead-letter what they cannot name; the message says what it was.
        assertThatThrownBy(() -> codec.decode("build.requested", 99, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown event build.requested v99");
        assertThatThrownBy(() -> codec.decode("com.example.Evil", 1, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown event com.example.Evil v1");
    }

    @Test
    void anUnknownStatusIsAnErrorNotANull() {
        // An enum value outside the contract is refused.
        String json = """
                {"buildId":"%s","status":"exploded","finishedAt":"2026-11-29T07:00:00Z"}""".formatted(BUILD);

        assertThatThrownBy(() -> codec.decode(EventCatalog.BUILD_FINISHED, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("build.finished v1");
    }

    @Test
    void statusesTravelInLowerCase() {
        // The wire and the API speak of "succeeded", as DESIGN.md lists the statuses.
        String json = new String(codec.encode(new BuildFinished(BUILD, BuildStatus.SUCCEEDED, null, AT)),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"status\":\"succeeded\"").contains("\"finishedAt\":\"2026-11-29T07:00:00.123Z\"");
    }

    /** The JSON of an SCM event from github:acme/app with the fields {@code rest} beside those of its origin. */
    private static byte[] scmEvent(String rest) {
        return ("{\"deliveryId\":\"d\",\"provider\":\"github\",\"repositoryId\":\"github:acme/app\","
                + "\"repositoryName\":\"acme/app\",\"cloneUrl\":\"file:///tmp/app.git\"," + rest + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
