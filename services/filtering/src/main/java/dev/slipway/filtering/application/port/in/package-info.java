/** What filtering offers its driving adapters: deciding about an SCM event. */
package dev.slipway.filtering.application.port.in;
