/** What filtering needs from the outside: its decision store and a way to announce decisions. */
package dev.slipway.filtering.application.port.out;
