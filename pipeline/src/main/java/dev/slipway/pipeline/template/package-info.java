/**
 * Tag templates such as {@code "{{ .CommitID }}"} and {@code "v{{ .Major }}.{{ .Minor }}"}: parsed
 * once (unknown variables are lint problems), rendered per build, and cleaned into valid Docker tags
 * with a note when cleaning changed anything. Depends only on {@code lint} and {@code source}; the
 * model, the compiler and the CLI depend on it.
 */
package dev.slipway.pipeline.template;
