/** What filtering needs from the outside: its decision store, a way to announce decisions, the
 * pipeline files at a commit, and the facts of the loop guard (the tags Slipway's releases made, and
 * who publishes them). */
package dev.slipway.filtering.application.port.out;
