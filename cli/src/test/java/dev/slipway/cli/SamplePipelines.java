package dev.slipway.cli;

/** Pipeline files the tests run the commands on, with line numbers that the assertions rely on. */
final class SamplePipelines {

    /** The seed's case: build and push `sonyflake`, both only on branch master. */
    static final String SONYFLAKE = """
            version: 1
            images:
              sonyflake: { context: . }
            steps:
              - name: build
                image: sonyflake
                run: go build ./...
                when: { branch: master }
              - name: push
                push: { image: sonyflake, to: titpetric/sonyflake, tags: ["{{ .CommitID }}", latest] }
                when: { branch: master }
            """;

    /** A misspelt key on line 6, column 5: one error. */
    static final String MISSPELT_WHEN = """
            version: 1
            steps:
              - name: test
                image: alpine:3.20
                run: make test
                wehn: { branch: main }
            """;

    /** A tag that Docker cannot take as written, on line 6: one warning and no error. */
    static final String TAG_NEEDS_CLEANING = """
            version: 1
            images:
              app: {}
            steps:
              - name: push
                push: { image: app, to: registry.example.com/app, tags: ["latest build"] }
            """;

    /** An unclosed flow sequence: YAML cannot read it. */
    static final String BROKEN_YAML = """
            version: 1
            steps:
              - name: test
                image: [alpine
            """;

    /** The seed's Codeship case: a serial group filtered by `tag: master`, a build step and a push step. */
    static final String CODESHIP_SERVICES = """
            sonyflake:
              build:
                image: titpetric/sonyflake
                dockerfile: Dockerfile
            """;

    static final String CODESHIP_STEPS = """
            - type: serial
              tag: master
              steps:
                - name: build
                  service: sonyflake
                  command: make build
                - name: push
                  service: sonyflake
                  type: push
                  image_name: titpetric/sonyflake
                  image_tag: '{{ .CommitID }}'
            """;

    static final String COMMIT = "abc1234def5678abc1234def5678abc1234def56";

    private SamplePipelines() {
    }
}
