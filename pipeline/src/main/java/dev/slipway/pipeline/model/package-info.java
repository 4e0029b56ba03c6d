/**
 * The pipeline model: what a pipeline says, independent of the file format it was written in.
 * Native {@code .slipway.yml} files and Codeship Pro files are both read into these records, and
 * everything after reading (lint rules, matching, compiling) works on them alone. The package
 * depends only on {@code source}, {@code lint} and {@code template}; everything else depends on it.
 *
 * <h2>Overview (MODEL.md)</h2>
 *
 * <pre>
 * Pipeline(format, location, triggers, skip, images, services, steps, timeout)
 * ├─ Triggers            on: push{branches, cancel_previous} tag{pattern, include_own_releases}
 * │                          pull_request{branches (target)} manual; undeclared = all but own release tags
 * ├─ SkipRules           skip: messages (default tokens + trailer `skip-checks: true`), scope head-commit|all-commits
 * ├─ ImageSpec[]         images: name, context, dockerfile, target, build_args (EnvVar), cache_from
 * ├─ ServiceSpec[]       services: name, ImageRef, environment, sysctls, healthcheck, depends_on, host_network
 * └─ Step[]              sealed: Run(image, commands, environment, services)
 *                                Push(image (a built one), to, tags (TagTemplate), credential)
 *                                Release(tag (TagTemplate), notes)
 *                                Parallel(steps) · Serial(steps)
 *                        each with name, location, When, timeout
 * When(events, branch, tag, ref, paths, status)   PatternFilter(include, exclude) of NamePattern
 * ImageRef               Built(image, stage) | External(reference)
 * EnvVar(name, Literal(text) | FromSecret(secret))  -- never a secret's value
 * </pre>
 *
 * <h2>Rules every format follows</h2>
 *
 * <ul>
 *   <li>Every record carries the {@link dev.slipway.pipeline.source.Location} it was read from, so
 *       that lint rules and decisions can point at it. A value the file did not write gets the
 *       location of the element that would hold it.</li>
 *   <li>Names are unique per kind: images, services, and steps at every depth.</li>
 *   <li>Patterns ({@link dev.slipway.pipeline.model.NamePattern}) are globs, or regular expressions
 *       when anchored with {@code ^} or {@code $}.</li>
 *   <li>A reader never throws on bad input: it builds what it can and reports problems; a model
 *       read with errors is only used to report more problems, never to run.</li>
 * </ul>
 *
 * <h2>Mapping Codeship Pro onto it</h2>
 *
 * <ul>
 *   <li>A service with {@code build} gives an {@link dev.slipway.pipeline.model.ImageSpec} named
 *       after the service ({@code path} → context, {@code dockerfile}, {@code args} and
 *       {@code encrypted_args} → build args, the latter as {@code FromSecret}), and the service
 *       runs {@code ImageRef.Built(service)}; a service with {@code image} runs
 *       {@code ImageRef.External}.</li>
 *   <li>A step with {@code service} and {@code command} is a {@code Step.Run} in that service's
 *       image, with that service's environment and its depends_on as {@code services}.</li>
 *   <li>{@code type: push} is a {@code Step.Push} of the image built for {@code service};
 *       {@code image_name} (with {@code registry}) gives {@code to}, {@code image_tag} the single tag
 *       template, {@code encrypted_dockercfg_path} the credential.</li>
 *   <li>{@code type: parallel}/{@code serial} are {@code Step.Parallel}/{@code Step.Serial};
 *       {@code tag}/{@code exclude} filters go to {@code When.ref} include/exclude.</li>
 *   <li>Codeship files have no {@code on}: use {@link dev.slipway.pipeline.model.Triggers#undeclared}.
 *       Skip rules are the defaults.</li>
 * </ul>
 */
package dev.slipway.pipeline.model;
