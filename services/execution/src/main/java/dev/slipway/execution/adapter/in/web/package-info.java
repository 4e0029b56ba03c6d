/**
 * What execution serves over HTTP: its actuator health contributor {@code docker}, which says
 * whether builds can run or wait for an engine. Depends on the application's input ports only.
 */
package dev.slipway.execution.adapter.in.web;
