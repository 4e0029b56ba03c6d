package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.DecisionViews.DecisionView;
import dev.slipway.history.domain.Build;
import dev.slipway.history.domain.BuildDetails;
import dev.slipway.history.domain.BuildImage;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.BuildStep;
import dev.slipway.history.domain.Page;
import dev.slipway.history.domain.PageCursor;
import dev.slipway.history.domain.PushedImage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON shapes of the history API. They are part of the contract that scripts and the CLI rely
 * on (DESIGN.md), so they are spelled out here rather than derived from the domain records, which
 * may change freely.
 */
final class BuildViews {

    private BuildViews() {
    }

    /** A page of builds; {@code nextCursor} is null on the last page. */
    record BuildList(List<BuildSummary> builds, String nextCursor) {

        static BuildList of(Page<Build> page) {
            return new BuildList(page.items().stream().map(BuildSummary::of).toList(),
                    page.next().map(PageCursor::encode).orElse(null));
        }
    }

    /** A repository; either field is null until the event that names it has arrived. */
    record Repository(String id, String name) {
    }

    /** A build in a list. */
    record BuildSummary(UUID id, String status, Repository repository, Long number, String commit, String ref,
                        String branch, String tag, String event, String reason, Instant createdAt, Instant startedAt,
                        Instant finishedAt) {

        static BuildSummary of(Build b) {
            return new BuildSummary(b.id(), b.status().wireName(), new Repository(b.repositoryId(), b.repositoryName()),
                    b.number(), b.commitSha(), b.ref(), b.branch(), b.tag(), b.event(), b.reason(), b.createdAt(),
                    b.startedAt(), b.finishedAt());
        }
    }

    /**
     * One build with all the history has about it.
     *
     * @param decision why the build ran: filtering's decision, null until the {@code BuildRequested} has arrived
     */
    record BuildDetail(UUID id, String status, Repository repository, Long number, String commit, String ref,
                       String branch, String tag, String event, String deliveryId, String executor, String reason,
                       Instant createdAt, Instant startedAt, Instant finishedAt, DecisionView decision, List<Step> steps,
                       List<Image> images) {

        static BuildDetail of(BuildDetails details) {
            Build b = details.build();
            return new BuildDetail(b.id(), b.status().wireName(), new Repository(b.repositoryId(), b.repositoryName()),
                    b.number(), b.commitSha(), b.ref(), b.branch(), b.tag(), b.event(), b.deliveryId(), b.executor(),
                    b.reason(), b.createdAt(), b.startedAt(), b.finishedAt(),
                    details.decision().map(DecisionView::of).orElse(null),
                    details.steps().stream().map(Step::of).toList(),
                    details.images().stream().map(Image::of).toList());
        }
    }

    /** A step of a build. */
    record Step(int index, String name, String status, Integer exitCode, String message, Instant startedAt,
                Instant finishedAt) {

        static Step of(BuildStep s) {
            return new Step(s.index(), s.name(), s.status().wireName(), s.exitCode(), s.message(), s.startedAt(),
                    s.finishedAt());
        }
    }

    /**
     * An image a build produced.
     *
     * @param step   the step that built it; null while it is known only from a push
     * @param tags   the local tags it was built with; empty while it is known only from a push
     * @param pushes where it was pushed, in the order the pushes were recorded
     */
    record Image(String step, String imageId, List<String> tags, List<Push> pushes) {

        static Image of(BuildImage i) {
            return new Image(i.stepName(), i.imageId(), i.tags(), i.pushes().stream().map(Push::of).toList());
        }
    }

    /**
     * A push of an image.
     *
     * @param step       the push step
     * @param repository where it went, such as {@code registry.example.com/team/app}
     * @param tags       the tags it went under
     * @param digest     the manifest digest the registry answered; every tag points at it
     */
    record Push(String step, String repository, List<String> tags, String digest) {

        static Push of(PushedImage p) {
            return new Push(p.stepName(), p.repository(), p.tags(), p.digest());
        }
    }

    /** The whole log of a build. */
    record Log(UUID buildId, List<Chunk> chunks) {

        static Log of(UUID buildId, List<BuildLogChunk> chunks) {
            return new Log(buildId, chunks.stream().map(Chunk::of).toList());
        }
    }

    /** A batch of lines of one step. */
    record Chunk(long sequence, String step, List<String> lines) {

        static Chunk of(BuildLogChunk c) {
            return new Chunk(c.sequence(), c.step(), c.lines());
        }
    }

    /** The last event of a followed log: the build ended with this status. */
    record End(UUID buildId, String status) {
    }
}
