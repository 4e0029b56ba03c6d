/**
 * The dependency rule that every Slipway service keeps, as ArchUnit rules that each service's
 * test checks against its own production classes.
 */
package dev.slipway.testkit.arch;
